package io.integrationmonitor.freshness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.integrationmonitor.config.ConfigLoader;
import io.integrationmonitor.config.MonitorConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CloudWatch cost estimate of freshness: 30 days / interval polls, 2 metrics per integration each. */
class FreshnessCostTest {

    @Test
    void theDefaultFiveMinutesCostSeventeenCentsPerIntegrationAndMonth() {
        // given
        FreshnessCost cost = FreshnessCost.of(MonitorConfig.defaults().freshness());

        // then: 30 d / 5 m = 8,640 polls x 2 = 17,280 metrics x $0.01 / 1,000
        assertThat(cost.pollsPerMonth()).isEqualTo(8_640);
        assertThat(cost.metricsPerIntegrationPerMonth()).isEqualTo(17_280);
        assertThat(cost.usdPerIntegrationPerMonth()).isCloseTo(0.1728, within(1e-9));
        assertThat(cost.usdPerMonth(1_000)).isCloseTo(172.80, within(1e-9));
    }

    @Test
    void aSlowerIntervalAndAnotherPriceScaleTheEstimate() {
        // given
        FreshnessCost hourly = new FreshnessCost(Duration.ofHours(1), 0.03);
        FreshnessCost odd = new FreshnessCost(Duration.ofMinutes(7), 0.01);

        // then
        assertThat(hourly.pollsPerMonth()).isEqualTo(720);
        assertThat(hourly.usdPerMonth(100)).isCloseTo(4.32, within(1e-9));
        // 43,200 minutes / 7 = 6,171.4: whole polls only
        assertThat(odd.pollsPerMonth()).isEqualTo(6_171);
        assertThat(odd.metricsPerIntegrationPerMonth()).isEqualTo(12_342);
    }

    @Test
    void aZeroIntervalIsRefused() {
        assertThatThrownBy(() -> new FreshnessCost(Duration.ZERO, 0.01)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describeGivesIntervalPerIntegrationFiguresAndThreeEstates() {
        // when
        var lines = FreshnessCost.describe(MonitorConfig.defaults());

        // then
        assertThat(lines).containsExactly(
                "freshness: every 5m, 8,640 polls a month (30 days), CloudWatch GetMetricData at $0.01 per 1,000"
                        + " metrics requested",
                "  per integration and month: 17,280 metrics (2 a poll; Glue at least: IngestionFailed counts 1 per"
                        + " table it returns) = $0.17",
                "  a month: 10 integrations $1.73, 100 integrations $17.28, 1,000 integrations $172.80");
    }

    @Test
    void describeSaysDisabledAndNothingElseWhenFreshnessIsOff() {
        // given
        MonitorConfig off = ConfigLoader.parse("freshness: {enabled: false}\n", "off.yaml", Map.of());

        // then
        assertThat(FreshnessCost.describe(off)).containsExactly("freshness: disabled (no CloudWatch requests, no cost)");
    }

    @Test
    void aFreePriceReadsAsZeroAndATinyOneAsUnderACent() {
        assertThat(FreshnessCost.usd(0)).isEqualTo("$0.00");
        assertThat(FreshnessCost.usd(0.001)).isEqualTo("< $0.01");
        assertThat(FreshnessCost.usd(1234.5)).isEqualTo("$1,234.50");
    }
}
