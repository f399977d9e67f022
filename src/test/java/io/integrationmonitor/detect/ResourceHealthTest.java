package io.integrationmonitor.detect;

import io.integrationmonitor.config.StuckConfig;
import io.integrationmonitor.detect.ResourceHealth.Verdict;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Pins the one definition of healthy, unhealthy, transient, stuck and unknown, kind by kind. */
class ResourceHealthTest {
    private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");
    private static final StuckConfig STUCK = new StuckConfig(Duration.ofHours(1), Duration.ofHours(1),
            Duration.ofHours(6), Duration.ofHours(1), Duration.ofHours(6));

    @ParameterizedTest(name = "{0} {1} is {2}")
    @CsvSource({
        "GLUE_INTEGRATION, ACTIVE, HEALTHY",
        "GLUE_INTEGRATION, FAILED, UNHEALTHY",
        "GLUE_INTEGRATION, NEEDS_ATTENTION, UNHEALTHY",
        "GLUE_INTEGRATION, CREATING, TRANSIENT",
        "GLUE_INTEGRATION, MODIFYING, TRANSIENT",
        "GLUE_INTEGRATION, SYNCING, TRANSIENT",
        "GLUE_INTEGRATION, DELETING, TRANSIENT",
        "GLUE_INTEGRATION, UNKNOWN, UNKNOWN",
        "GLUE_INBOUND_INTEGRATION, ACTIVE, HEALTHY",
        "GLUE_INBOUND_INTEGRATION, FAILED, UNHEALTHY",
        "GLUE_INBOUND_INTEGRATION, NEEDS_ATTENTION, UNHEALTHY",
        "GLUE_INBOUND_INTEGRATION, SYNCING, TRANSIENT",
        "GLUE_INBOUND_INTEGRATION, UNKNOWN, UNKNOWN",
        "APPINTEGRATIONS_ASSOCIATION, COMPLETED, HEALTHY",
        "APPINTEGRATIONS_ASSOCIATION, NEVER_EXECUTED, HEALTHY",
        "APPINTEGRATIONS_ASSOCIATION, FAILED, UNHEALTHY",
        "APPINTEGRATIONS_ASSOCIATION, IN_PROGRESS, TRANSIENT",
        "APPINTEGRATIONS_ASSOCIATION, UNKNOWN, UNKNOWN",
        // NEEDS_ATTENTION is a Glue status: an association never reports it (the poller maps it to UNKNOWN)
        "APPINTEGRATIONS_ASSOCIATION, NEEDS_ATTENTION, UNKNOWN"})
    void eachStatusOfEachKindHasOneVerdict(ResourceKind kind, ResourceStatus status, Verdict expected) {
        assertThat(ResourceHealth.of(kind, status)).isEqualTo(expected);
        assertThat(ResourceHealth.of(known(kind, status, T0, false))).isEqualTo(expected);
    }

    @Test
    void everyStatusInEveryVocabularyHasAVerdictAndOnlyStatusesDefineIt() {
        for (ResourceKind kind : ResourceKind.values()) {
            for (ResourceStatus status : kind.statuses()) {
                Verdict verdict = ResourceHealth.of(kind, status);
                assertThat(verdict).as("%s %s", kind, status).isNotEqualTo(Verdict.STUCK);
                assertThat(verdict == Verdict.TRANSIENT).as("%s %s", kind, status).isEqualTo(status.isTransient());
            }
        }
    }

    @Test
    void stuckIsATransientStatusPastItsThresholdMeasuredFromStatusSince() {
        // given an integration SYNCING since T0 (threshold 6h), created long before
        KnownResource syncing = known(ResourceKind.GLUE_INTEGRATION, ResourceStatus.SYNCING, T0, false);

        // then it is stuck from exactly 6h after statusSince on, whatever its creation time
        assertThat(ResourceHealth.isStuck(syncing, STUCK, T0.plus(Duration.ofHours(6)).minusSeconds(1))).isFalse();
        assertThat(ResourceHealth.isStuck(syncing, STUCK, T0.plus(Duration.ofHours(6)))).isTrue();
    }

    @Test
    void creatingIsMeasuredFromStatusSinceNotFromTheCreationTime() {
        // given a resource created two days ago but first seen CREATING just now (a fresh once run)
        ObservedResource created = new ObservedResource(ResourceKind.GLUE_INTEGRATION, "arn:x", "x", "1", "r",
                ResourceStatus.CREATING, List.of(), Map.of(), Map.of(), T0.minus(Duration.ofDays(2)));
        KnownResource firstSeen = new KnownResource(created, T0, T0, false);

        assertThat(ResourceHealth.isStuck(firstSeen, STUCK, T0.plusSeconds(60))).isFalse();
    }

    @Test
    void healthyUnhealthyAndUnknownStatusesAreNeverStuckHoweverLong() {
        for (ResourceStatus status : List.of(ResourceStatus.ACTIVE, ResourceStatus.FAILED,
                ResourceStatus.NEEDS_ATTENTION, ResourceStatus.UNKNOWN)) {
            KnownResource old = known(ResourceKind.GLUE_INTEGRATION, status, T0, false);
            assertThat(ResourceHealth.isStuck(old, STUCK, T0.plus(Duration.ofDays(30)))).as(status.label()).isFalse();
        }
    }

    @Test
    void aZeroThresholdDisablesTheCheck() {
        StuckConfig noSyncCheck = new StuckConfig(null, null, Duration.ZERO, null, null);
        KnownResource syncing = known(ResourceKind.GLUE_INTEGRATION, ResourceStatus.SYNCING, T0, false);

        assertThat(ResourceHealth.isStuck(syncing, noSyncCheck, T0.plus(Duration.ofDays(30)))).isFalse();
    }

    @Test
    void theVerdictOnAKnownResourceIsStuckOnceTheDetectorRecordedIt() {
        // given the same transient resource before and after its STUCK event
        KnownResource syncing = known(ResourceKind.GLUE_INTEGRATION, ResourceStatus.SYNCING, T0, false);
        KnownResource reported = known(ResourceKind.GLUE_INTEGRATION, ResourceStatus.SYNCING, T0, true);
        // a flag left on a status that is no longer transient (state of an older version) means nothing
        KnownResource staleFlag = known(ResourceKind.GLUE_INTEGRATION, ResourceStatus.ACTIVE, T0, true);

        assertThat(ResourceHealth.of(syncing)).isEqualTo(Verdict.TRANSIENT);
        assertThat(ResourceHealth.of(reported)).isEqualTo(Verdict.STUCK);
        assertThat(reported.isStuck()).isTrue();
        assertThat(ResourceHealth.of(staleFlag)).isEqualTo(Verdict.HEALTHY);
        assertThat(staleFlag.isStuck()).isFalse();
    }

    @Test
    void onlyUnhealthyAndStuckNeedAttention() {
        assertThat(Verdict.values()).filteredOn(Verdict::needsAttention)
                .containsExactlyInAnyOrder(Verdict.UNHEALTHY, Verdict.STUCK);
    }

    private static KnownResource known(ResourceKind kind, ResourceStatus status, Instant since, boolean stuckReported) {
        ObservedResource r = new ObservedResource(kind, "arn:" + status, "name", "123456789012", "eu-west-1", status,
                List.of(), Map.of(), Map.of(), since.minus(Duration.ofDays(2)));
        return new KnownResource(r, since, since, stuckReported);
    }
}
