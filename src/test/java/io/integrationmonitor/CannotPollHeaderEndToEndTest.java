package io.integrationmonitor;

import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A source that cannot be polled is in the status page's header, in red, with its reason and since when. */
class CannotPollHeaderEndToEndTest {
    private static final Pattern HEADER = Pattern.compile("<p class=\"meta\">Version .*?</p>\\n(<ul class=\"bad\" id=\"cannot-poll\">.*?</ul>\\n)?",
            Pattern.DOTALL);

    @TempDir
    Path dataDir;

    private MonitorFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aSourceFailingItsPollsIsInTheHeaderInRedWithReasonAndSinceWhen() {
        // given: every source polled once, then Glue's integrations failing poll after poll
        fixture = MonitorFixture.start(new EstateSpec(3, 1, 0, 0, 0), dataDir);
        fixture.pollAllExpectingSuccess();
        assertThat(header()).doesNotContain("cannot be polled", "Cannot poll");
        fixture.simulator.faults().failAlways(Operation.GLUE_DESCRIBE_INTEGRATIONS, null);
        for (int i = 0; i < 3; i++) {
            fixture.pollAll();
        }

        // when
        String header = header();

        // then
        assertThat(header).contains("<a class=\"bad\" href=\"#monitor\">1 source cannot be polled</a>")
                .contains("<ul class=\"bad\" id=\"cannot-poll\">")
                .contains("Cannot poll glue_integrations in " + MonitorFixture.ACCOUNT + " / " + MonitorFixture.REGION
                        + ": server_error, failing since 20")
                .contains("(3 failed polls in a row; last success 20")
                .doesNotContain("glue_inbound_integrations");

        // and once it polls again, the header says nothing of it
        fixture.simulator.faults().clear();
        fixture.pollAllExpectingSuccess();
        assertThat(header()).doesNotContain("cannot be polled", "Cannot poll");
    }

    private String header() {
        HttpResponse<String> page = fixture.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher m = HEADER.matcher(page.body());
        assertThat(m.find()).as(page.body()).isTrue();
        return m.group();
    }
}
