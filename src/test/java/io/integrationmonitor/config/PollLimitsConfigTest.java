package io.integrationmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The poll budgets of the sources and the AWS response size limit, as configured. */
class PollLimitsConfigTest {
    @Test
    void defaultsAre2000PagesFiveIntervalsAnd16MiB() {
        // when
        MonitorConfig config = ConfigLoader.parse("sources:\n  appintegrations: {interval: 2m}\n", "t.yaml", Map.of());

        // then
        assertThat(config.sources().glueIntegrations().maxPages()).isEqualTo(2000);
        assertThat(config.sources().glueIntegrations().maxPollDuration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.sources().glueInboundIntegrations().maxPages()).isEqualTo(2000);
        assertThat(config.sources().glueInboundIntegrations().maxPollDuration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.sources().appintegrations().maxPages()).isEqualTo(2000);
        assertThat(config.sources().appintegrations().maxPollDuration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.aws().maxResponseBytes()).isEqualTo(16 * 1024 * 1024);
    }

    @Test
    void everySourceTakesItsOwnBudget() {
        // given
        String yaml = """
                aws: {max_response_bytes: 1048576}
                sources:
                  glue_integrations: {max_pages: 10, max_poll_duration: 30s}
                  glue_inbound_integrations: {max_pages: 20, max_poll_duration: 1m}
                  appintegrations: {max_pages: 30, max_poll_duration: 2h}
                """;

        // when
        MonitorConfig config = ConfigLoader.parse(yaml, "t.yaml", Map.of());

        // then
        assertThat(config.sources().glueIntegrations().maxPages()).isEqualTo(10);
        assertThat(config.sources().glueIntegrations().maxPollDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.sources().glueInboundIntegrations().maxPages()).isEqualTo(20);
        assertThat(config.sources().glueInboundIntegrations().maxPollDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.sources().appintegrations().maxPages()).isEqualTo(30);
        assertThat(config.sources().appintegrations().maxPollDuration()).isEqualTo(Duration.ofHours(2));
        assertThat(config.aws().maxResponseBytes()).isEqualTo(1_048_576);
    }

    @Test
    void outOfRangeValuesAreNamedByTheirKeys() {
        // given
        String yaml = """
                aws: {max_response_bytes: 100}
                sources:
                  glue_integrations: {max_pages: 0}
                  appintegrations: {max_poll_duration: 500ms}
                """;

        // when
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse(yaml, "t.yaml", Map.of()));

        // then
        assertThat(e.problems()).extracting(p -> p.path() + ": " + p.message()).containsExactlyInAnyOrder(
                "aws.max_response_bytes: must be between 1024 and 1073741824, got 100",
                "sources.glue_integrations.max_pages: must be between 1 and 1000000, got 0",
                "sources.appintegrations.max_poll_duration: must be at least 1s, got 500ms");
    }
}
