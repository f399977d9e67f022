package io.integrationmonitor;

import io.integrationmonitor.alert.evaluate.Condition;
import io.integrationmonitor.config.MatchConfig;
import io.integrationmonitor.config.StuckConfig;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code config} is the bottom of the package graph, so it spells the vocabularies it validates itself; these
 * pins tie each copy to the enum it copies, so that a new condition, kind or transient status cannot be
 * forgotten there.
 */
class VocabularyPinsTest {

    @Test
    void matchConfigConditionsAreTheAlertConditions() {
        Set<String> labels = Arrays.stream(Condition.values()).map(Condition::label).collect(Collectors.toSet());

        assertThat(MatchConfig.CONDITIONS).containsExactlyInAnyOrderElementsOf(labels);
    }

    @Test
    void matchConfigKindsAreTheResourceKinds() {
        Set<String> labels = Arrays.stream(ResourceKind.values()).map(ResourceKind::label).collect(Collectors.toSet());

        assertThat(MatchConfig.KINDS).containsExactlyInAnyOrderElementsOf(labels);
    }

    @Test
    void matchConfigStatusesAreTheResourceStatusesAndThePollErrorReasons() {
        Set<String> labels = Stream.concat(
                        Arrays.stream(ResourceStatus.values()).map(ResourceStatus::label),
                        Arrays.stream(PollErrorReason.values()).map(PollErrorReason::label))
                .collect(Collectors.toSet());

        assertThat(MatchConfig.STATUSES).containsExactlyInAnyOrderElementsOf(labels);
    }

    @Test
    void stuckConfigHasOneKeyForEachTransientStatus() {
        // the record's components are the config keys (stuck.in_progress is inProgress)
        Set<String> keys = Arrays.stream(StuckConfig.class.getRecordComponents())
                .map(RecordComponent::getName)
                .map(VocabularyPinsTest::snakeCase)
                .collect(Collectors.toSet());
        Set<String> transientStatuses = Arrays.stream(ResourceStatus.values())
                .filter(ResourceStatus::isTransient)
                .map(s -> s.label().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());

        assertThat(keys).containsExactlyInAnyOrderElementsOf(transientStatuses);
    }

    @Test
    void stuckConfigHasAThresholdForEveryTransientStatusAndNoOther() {
        StuckConfig stuck = StuckConfig.defaults();

        for (ResourceStatus status : ResourceStatus.values()) {
            assertThat(stuck.thresholdFor(status.label()).isPresent()).as(status.label())
                    .isEqualTo(status.isTransient());
        }
        assertThat(stuck.thresholdFor("SYNCING")).contains(Duration.ofHours(6));
    }

    @Test
    void everyKindsVocabularyIsMadeOfStatusesAndEndsInUnknown() {
        for (ResourceKind kind : ResourceKind.values()) {
            assertThat(kind.statuses()).as(kind.label()).doesNotHaveDuplicates().endsWith(ResourceStatus.UNKNOWN);
        }
        Set<ResourceStatus> used = Arrays.stream(ResourceKind.values()).flatMap(k -> k.statuses().stream())
                .collect(Collectors.toSet());
        assertThat(used).as("statuses no kind reports").containsExactlyInAnyOrder(ResourceStatus.values());
    }

    private static String snakeCase(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
