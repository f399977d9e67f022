package io.integrationmonitor.metrics;

import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.Source;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.integrationmonitor.metrics.Fixtures.ACCOUNT;
import static io.integrationmonitor.metrics.Fixtures.ASSOCIATIONS;
import static io.integrationmonitor.metrics.Fixtures.GLUE;
import static io.integrationmonitor.metrics.Fixtures.OTHER_ACCOUNT;
import static io.integrationmonitor.metrics.Fixtures.REGION;
import static io.integrationmonitor.metrics.Fixtures.T0;
import static io.integrationmonitor.metrics.Fixtures.association;
import static io.integrationmonitor.metrics.Fixtures.completed;
import static io.integrationmonitor.metrics.Fixtures.failed;
import static io.integrationmonitor.metrics.Fixtures.glue;
import static org.assertj.core.api.Assertions.assertThat;

class ResourceStateMetricsTest {
    private static final PollTarget OTHER_GLUE = new PollTarget(Source.GLUE_INTEGRATIONS, OTHER_ACCOUNT, REGION);

    private final PrometheusMetrics metrics = PrometheusMetrics.create("1.2.3");
    private final ResourceStateMetrics stateMetrics = new ResourceStateMetrics(metrics.meterRegistry());

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void anUnrecognisedStatusLightsUpUnknown() {
        // given a status outside the kind's closed set (an association cannot be ACTIVE)
        stateMetrics.onPollCompleted(completed(ASSOCIATIONS, T0, List.of(association("a-1", "ACTIVE", T0))));

        // then UNKNOWN carries the 1, and no series is invented for the foreign value
        String family = "aws_appintegrations_association_last_execution_status";
        PrometheusText scrape = scrape();
        assertThat(scrape.find(family, Map.of("status", "UNKNOWN")))
                .singleElement().extracting(PrometheusText.Sample::value).isEqualTo(1.0);
        assertThat(scrape.find(family, Map.of("status", "ACTIVE"))).isEmpty();
        assertThat(scrape.find(family)).extracting(PrometheusText.Sample::value)
                .containsOnly(0.0, 1.0).filteredOn(v -> v == 1.0).hasSize(1);
    }

    @Test
    void aPollOfOneTargetLeavesTheOtherTargetsAlone() {
        // given one integration in each of two accounts
        stateMetrics.onPollCompleted(completed(GLUE, T0, List.of(glue(ACCOUNT, "orders", "ACTIVE", T0))));
        stateMetrics.onPollCompleted(completed(OTHER_GLUE, T0, List.of(glue(OTHER_ACCOUNT, "stock", "ACTIVE", T0))));

        // when the second account's next poll is empty and the first account's poll fails
        stateMetrics.onPollCompleted(completed(OTHER_GLUE, T0.plusSeconds(60), List.of()));
        stateMetrics.onPollFailed(failed(GLUE, PollErrorReason.TIMEOUT, 1));

        // then only the second account's integration is gone: a failed poll proves nothing
        assertThat(scrape().find("aws_glue_integration_info")).extracting(s -> s.labels().get("integration_name"))
                .containsExactly("orders");
    }

    @Test
    void buildInfoCarriesTheVersion() {
        assertThat(scrape().value("integration_monitor_build_info", Map.of("version", "1.2.3"))).contains(1.0);
    }

    private PrometheusText scrape() {
        return PrometheusText.parse(metrics.meterRegistry().scrape());
    }
}
