package io.integrationmonitor;

import ch.qos.logback.classic.Level;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.SimError;
import io.integrationmonitor.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A valid configuration full of inline secrets: nothing the running monitor logs or serves shows one. */
class SecretsInLogsTest {
    @TempDir
    Path dir;

    @Test
    void startingPollingAndFailingDeliveriesLogNoSecret() throws Exception {
        // given: receivers whose URLs point at a closed loopback port, so that their deliveries fail and log
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        String extra = """
                alerting:
                  receivers:
                    - name: hook
                      webhook:
                        url: "http://127.0.0.1:%1$d/hook/SECRET-hook?token=SECRET-q"
                        hmac_secret: SECRET-hmac
                        headers: {Authorization: "Bearer SECRET-header"}
                    - name: slack
                      slack: {webhook_url: "http://127.0.0.1:%1$d/services/SECRET-slack"}
                    - name: am
                      alertmanager: {urls: ["http://am:SECRET-am@127.0.0.1:%1$d/"]}
                cluster:
                  jdbc_url: "jdbc:postgresql://127.0.0.1:%1$d/monitor?password=SECRET-jdbc"
                  password: SECRET-password
                """.formatted(closed);
        LogCapture logs = LogCapture.root().withLevel("io.integrationmonitor", Level.DEBUG);
        String served;
        try (logs) {
            // when: started, polled (a FAILED integration fires an alert to every receiver) and stopped
            MonitorFixture fixture = MonitorFixture.start(new EstateSpec(3, 1, 1, 1, 1), dir.resolve("data"), extra);
            try {
                fixture.estate().integrations(MonitorFixture.HOME).stream().findFirst()
                        .ifPresent(i -> fixture.estate().setIntegrationStatus(i.arn(), "FAILED",
                                java.util.List.of(new SimError("SOURCE_CONNECTION_LOST", "unreachable"))));
                fixture.monitor().startScheduling();
                await().atMost(Duration.ofSeconds(60)).until(() -> fixture.monitor().ready());
                await().atMost(Duration.ofSeconds(60)).until(() -> logs.messages().stream()
                        .anyMatch(m -> m.contains("receiver hook")));
                served = fixture.get("/metrics").body() + fixture.get("/").body();
            } finally {
                fixture.close();
            }
        }

        // then
        assertThat(logs.events()).isNotEmpty();
        for (String text : logs.textsWithStackTraces()) {
            assertThat(text).doesNotContain("SECRET-");
        }
        assertThat(served).contains("integration_monitor_state_store_size_bytes").doesNotContain("SECRET-");
    }
}
