package io.integrationmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Record types the loader has never seen (as alerting and cluster sections will be) get the same strictness,
 * paths and secret hiding with no code in the loader.
 */
class GenericBindingTest {
    record Root(Alerting alerting) {
    }

    record Alerting(List<Receiver> receivers, Map<String, Route> routes, Duration repeatInterval) {
    }

    record Receiver(String name, Slack slack, Set<String> events) {
    }

    record Slack(URI webhookUrl, String channel, boolean sendResolved, long timeoutMillis) {
        Slack {
            if (webhookUrl == null || !"https".equals(webhookUrl.getScheme())) {
                throw KeyProblem.at("webhook_url", "must be an https URL").got(webhookUrl).exception();
            }
        }
    }

    record Route(List<String> receivers, Double weight) {
    }

    @Test
    void bindsNestedListsMapsSetsAndPrimitives() {
        // given
        String yaml = """
                alerting:
                  repeat_interval: 4h
                  receivers:
                    - name: ops
                      events: [failed, stuck]
                      slack:
                        webhook_url: ${SLACK_URL}
                        send_resolved: true
                  routes:
                    critical: {receivers: [ops], weight: 0.5}
                """;

        // when
        Root root = ConfigLoader.parse(yaml, "generic.yaml", Map.of("SLACK_URL", "https://hooks.example/T1"),
                Root.class);

        // then: an absent primitive gets its zero value
        assertThat(root).isEqualTo(new Root(new Alerting(
                List.of(new Receiver("ops", new Slack(URI.create("https://hooks.example/T1"), null, true, 0L),
                        Set.of("failed", "stuck"))),
                Map.of("critical", new Route(List.of("ops"), 0.5)),
                Duration.ofHours(4))));
    }

    @Test
    void problemsInUnseenRecordsCarryFullPathsAndHideSecrets() {
        // given
        String yaml = """
                alerting:
                  receivers:
                    - name: ops
                      slack: {webhook_url: "${SLACK_URL}", chanel: "#ops"}
                    - name: dev
                      slack: {webhook_url: "${DEV_SLACK_URL}"}
                  routes:
                    critical: {receivers: ops}
                """;
        Map<String, String> env = Map.of("SLACK_URL", "https://hooks.example/T1", "DEV_SLACK_URL",
                "http://hooks.example/very-secret-dev-token");

        // when
        ConfigException failure = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse(yaml, "generic.yaml", env, Root.class));

        // then
        assertThat(failure.problems()).extracting(ConfigProblem::toString).containsExactly(
                "alerting.receivers[0].slack.chanel: unknown key 'chanel' (did you mean 'channel'?);"
                        + " allowed keys here: webhook_url, channel, send_resolved, timeout_millis",
                "alerting.receivers[1].slack.webhook_url: must be an https URL (value hidden: secret)",
                "alerting.routes.critical.receivers: expected a list, got 'ops'");
        assertThat(failure.getMessage()).doesNotContain("very-secret-dev-token");
    }
}
