package io.integrationmonitor.detect;

import static io.integrationmonitor.detect.DetectorTest.glue;
import static io.integrationmonitor.detect.EventType.APPEARED;
import static io.integrationmonitor.detect.EventType.ENTERED_FAILED;
import static io.integrationmonitor.detect.EventType.RECOVERED;
import static io.integrationmonitor.detect.EventType.STATUS_CHANGED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.integrationmonitor.config.StuckConfig;
import io.integrationmonitor.detect.Detection.Result;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.ResourceStatus;
import io.integrationmonitor.poll.Snapshot;
import io.integrationmonitor.poll.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A targeted snapshot (one resource described by ARN) tells the Detector of its scope only. */
class TargetedDetectionTest {
    private static final PollTarget GLUE = new PollTarget(Source.GLUE_INTEGRATIONS, "123456789012", "eu-west-1");
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant LATER = T0.plusSeconds(60);

    private final AtomicInteger ids = new AtomicInteger();
    private final Detector detector = new Detector(
            new StuckConfig(Duration.ofMinutes(30), null, null, null, Duration.ofMinutes(10)),
            () -> "e" + ids.incrementAndGet());

    @Test
    void aTargetedSnapshotChangesOnlyItsScopeAndLeavesEveryOtherResourceUntouched() {
        // given three known resources, one of them failing since T0
        KnownResource a = new KnownResource(glue("arn:a", "ACTIVE"), T0, T0, false);
        KnownResource b = new KnownResource(glue("arn:b", "FAILED"), T0, T0, false, Optional.of(ResourceStatus.FAILED));
        KnownResource c = new KnownResource(glue("arn:c", "ACTIVE"), T0, T0, false);

        // when a targeted read of a alone sees it FAILED
        Result result = detector.detect(Map.of("arn:a", a, "arn:b", b, "arn:c", c),
                Snapshot.targeted(GLUE, LATER, glue("arn:a", "FAILED")));

        // then one event, for a; b and c neither vanish nor change, not even their last-seen time
        assertThat(result.events()).singleElement().satisfies(e -> {
            assertThat(e.types()).containsExactly(ENTERED_FAILED, STATUS_CHANGED);
            assertThat(e.resource().arn()).isEqualTo("arn:a");
            assertThat(e.at()).isEqualTo(LATER);
        });
        assertThat(result.newState()).hasSize(3).contains(b, c)
                .contains(new KnownResource(glue("arn:a", "FAILED"), LATER, LATER, false,
                        Optional.of(ResourceStatus.FAILED)));
    }

    @Test
    void aTargetedReadOfAResourceInItsKnownStatusEmitsNothingAndRefreshesOnlyIt() {
        // given
        KnownResource a = new KnownResource(glue("arn:a", "ACTIVE"), T0, T0, false);
        KnownResource b = new KnownResource(glue("arn:b", "ACTIVE"), T0, T0, false);

        // when
        Result result = detector.detect(Map.of("arn:a", a, "arn:b", b),
                Snapshot.targeted(GLUE, LATER, glue("arn:a", "ACTIVE")));

        // then
        assertThat(result.events()).isEmpty();
        assertThat(result.newState()).containsExactlyInAnyOrder(b,
                new KnownResource(glue("arn:a", "ACTIVE"), T0, LATER, false));
    }

    @Test
    void aTargetedReadOfAResourceNewToAKnownTargetIsAnAppearanceNeverADiscovery() {
        // given
        KnownResource a = new KnownResource(glue("arn:a", "ACTIVE"), T0, T0, false);

        // when
        Result result = detector.detect(Map.of("arn:a", a), Snapshot.targeted(GLUE, LATER, glue("arn:new", "ACTIVE")));

        // then
        assertThat(result.events()).extracting(ResourceEvent::types).containsExactly(List.of(APPEARED));
        assertThat(result.newState()).extracting(KnownResource::arn).containsExactlyInAnyOrder("arn:a", "arn:new");
    }

    @Test
    void aTargetedReadOfATargetThatKnowsNothingYetChangesNothing() {
        // when the target was never polled in full
        Result result = detector.detect(Map.of(), Snapshot.targeted(GLUE, LATER, glue("arn:a", "FAILED")));

        // then no DISCOVERED, no APPEARED: the first poll of a target is a full one
        assertThat(result.events()).isEmpty();
        assertThat(result.newState()).isEmpty();
    }

    @Test
    void aTargetedReadRecoversAsAFullPollWould() {
        // given
        KnownResource a = new KnownResource(glue("arn:a", "FAILED"), T0, T0, false, Optional.of(ResourceStatus.FAILED));
        KnownResource b = new KnownResource(glue("arn:b", "FAILED"), T0, T0, false, Optional.of(ResourceStatus.FAILED));

        // when
        Result result = detector.detect(Map.of("arn:a", a, "arn:b", b),
                Snapshot.targeted(GLUE, LATER, glue("arn:a", "ACTIVE")));

        // then
        assertThat(result.events()).singleElement().satisfies(e -> {
            assertThat(e.types()).containsExactly(RECOVERED, STATUS_CHANGED);
            assertThat(e.attribute(ResourceEvent.Attributes.RECOVERED_FROM)).isEqualTo("FAILED");
        });
        assertThat(result.newState()).contains(b);
    }

    @Test
    void aTargetedSnapshotHoldsExactlyItsScope() {
        ObservedResource other = glue("arn:b", "ACTIVE");

        assertThatThrownBy(() -> new Snapshot(GLUE, LATER, List.of(other), 1, List.of(), "arn:a"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Snapshot(GLUE, LATER, List.of(), 1, List.of(), "arn:a"))
                .isInstanceOf(IllegalArgumentException.class);
        Snapshot targeted = Snapshot.targeted(GLUE, LATER, other);
        assertThat(targeted.targeted()).isTrue();
        assertThat(targeted.covers("arn:b")).isTrue();
        assertThat(targeted.covers("arn:a")).isFalse();
        assertThat(new Snapshot(GLUE, LATER, List.of(other), 1).covers("arn:a")).isTrue();
    }
}
