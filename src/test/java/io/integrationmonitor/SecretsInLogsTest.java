package io.integrationmonitor;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.SimError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

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
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("io.integrationmonitor");
        Level level = ours.getLevel();
        logs.start();
        root.addAppender(logs);
        ours.setLevel(Level.DEBUG);
        String served;
        try {
            // when: started, polled (a FAILED integration fires an alert to every receiver) and stopped
            MonitorFixture fixture = MonitorFixture.start(new EstateSpec(3, 1, 1, 1, 1), dir.resolve("data"), extra);
            try {
                fixture.estate().integrations(MonitorFixture.HOME).stream().findFirst()
                        .ifPresent(i -> fixture.estate().setIntegrationStatus(i.arn(), "FAILED",
                                java.util.List.of(new SimError("SOURCE_CONNECTION_LOST", "unreachable"))));
                fixture.monitor().startScheduling();
                await().atMost(Duration.ofSeconds(60)).until(() -> fixture.monitor().ready());
                await().atMost(Duration.ofSeconds(60)).until(() -> logs.list.stream()
                        .anyMatch(e -> e.getFormattedMessage().contains("receiver hook")));
                served = fixture.get("/metrics").body() + fixture.get("/").body();
            } finally {
                fixture.close();
            }
        } finally {
            root.detachAppender(logs);
            ours.setLevel(level);
        }

        // then
        assertThat(logs.list).isNotEmpty();
        for (ILoggingEvent event : logs.list) {
            String text = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(text).doesNotContain("SECRET-");
        }
        assertThat(served).contains("integration_monitor_state_store_size_bytes").doesNotContain("SECRET-");
    }
}
