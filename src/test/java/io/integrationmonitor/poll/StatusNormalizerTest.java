package io.integrationmonitor.poll;

import io.integrationmonitor.poll.StatusNormalizer.Spelling;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class StatusNormalizerTest {
    private final StatusNormalizer normalizer = new StatusNormalizer();

    @ParameterizedTest(name = "{0} {1} spelled {2} is {3}")
    @CsvSource({
        "GLUE_INTEGRATION, NEEDS_ATTENTION, AS_LABELS, NEEDS_ATTENTION",
        "GLUE_INTEGRATION, needs_attention, AS_LABELS, UNKNOWN",
        "GLUE_INTEGRATION, COMPLETED, AS_LABELS, UNKNOWN",
        "GLUE_INTEGRATION, UNKNOWN, AS_LABELS, UNKNOWN",
        "APPINTEGRATIONS_ASSOCIATION, IN_PROGRESS, AS_LABELS, IN_PROGRESS",
        "APPINTEGRATIONS_ASSOCIATION, ACTIVE, AS_LABELS, UNKNOWN",
        // RDS and Redshift spell the same vocabulary in lower case
        "GLUE_INTEGRATION, needs_attention, LOWER_CASE, NEEDS_ATTENTION",
        "GLUE_INTEGRATION, syncing, LOWER_CASE, SYNCING",
        "GLUE_INTEGRATION, active, LOWER_CASE, ACTIVE",
        "GLUE_INTEGRATION, ACTIVE, LOWER_CASE, UNKNOWN",
        "GLUE_INTEGRATION, paused, LOWER_CASE, UNKNOWN"})
    void mapsARawStatusOntoTheKindsVocabulary(ResourceKind kind, String raw, Spelling spelling,
                                              ResourceStatus expected) {
        assertThat(normalizer.normalize(kind, raw, spelling)).isEqualTo(expected);
    }
}
