package io.integrationmonitor.metrics;

import io.integrationmonitor.config.StuckConfig;
import io.integrationmonitor.detect.Detection;
import io.integrationmonitor.detect.Detector;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.PollCompleted;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.Snapshot;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.Source;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
    private final ResourceStateMetrics stateMetrics = new ResourceStateMetrics(metrics);

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
    void theStuckGaugeFollowsTheConfiguredThresholds() {
        // given a detector whose SYNCING threshold is 10 minutes (IN_PROGRESS keeps its 6 h default)
        Detector detector = new Detector(new StuckConfig(null, null, Duration.ofMinutes(10), null, null));
        KnownResource syncing = glue(ACCOUNT, "orders", "SYNCING", T0);
        KnownResource running = association("a-1", "IN_PROGRESS", T0);

        // when the integration has been SYNCING for 5, then 11 minutes, the association IN_PROGRESS as long
        Map<String, Double> at5 = stuckAfter(detector, Duration.ofMinutes(5), syncing, running);
        Map<String, Double> at11 = stuckAfter(detector, Duration.ofMinutes(11), syncing, running);

        // then each resource has one 0/1 series next to its state set, 1 only once past its own threshold
        assertThat(at5).containsExactlyInAnyOrderEntriesOf(Map.of(
                "aws_glue_integration_stuck", 0.0, "aws_appintegrations_association_last_execution_stuck", 0.0));
        assertThat(at11).containsExactlyInAnyOrderEntriesOf(Map.of(
                "aws_glue_integration_stuck", 1.0, "aws_appintegrations_association_last_execution_stuck", 0.0));
        assertThat(scrape().find("aws_glue_integration_stuck")).singleElement()
                .satisfies(s -> assertThat(s.labels()).containsOnlyKeys("account_id", "region", "integration_arn",
                        "integration_name"));
    }

    /** Polls both resources (first seen at T0) at T0 + {@code age} through the detector, and reads the gauges. */
    private Map<String, Double> stuckAfter(Detector detector, Duration age, KnownResource glue, KnownResource association) {
        Map<String, Double> stuck = new HashMap<>();
        for (var pair : List.of(Map.entry(GLUE, glue), Map.entry(ASSOCIATIONS, association))) {
            Map<String, KnownResource> known = Map.of(pair.getValue().arn(), pair.getValue());
            Instant at = T0.plus(age);
            Snapshot snapshot = new Snapshot(pair.getKey(), at, List.of(pair.getValue().resource()), 1);
            Detection.Result result = detector.detect(known, snapshot);
            stateMetrics.onPollCompleted(new PollCompleted(snapshot, result.newState(), result.events(),
                    Duration.ofMillis(10)));
        }
        for (PrometheusText.Sample sample : scrape().samples()) {
            if (sample.name().endsWith("_stuck")) {
                stuck.put(sample.name(), sample.value());
            }
        }
        return stuck;
    }

    @Test
    void buildInfoCarriesTheVersion() {
        assertThat(scrape().value("integration_monitor_build_info", Map.of("version", "1.2.3"))).contains(1.0);
    }

    private PrometheusText scrape() {
        return PrometheusText.parse(metrics.scrape());
    }
}
