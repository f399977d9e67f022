package io.integrationmonitor.config;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Matchers of routes, silences and filters are bounded, and a breach names its key. */
class MatchLimitsTest {
    private static final String LONG = "x".repeat(MatchLimits.MAX_VALUE_LENGTH + 1);

    @Test
    void aRouteGlobLongerThanTheLimitIsAConfigErrorAtItsPath() {
        String yaml = """
                alerting:
                  receivers: [{name: rec, log: {}}]
                  routes:
                    - match: {name: ["orders-*", "%s"]}
                      receivers: [rec]
                """.formatted(LONG);

        assertThat(problems(yaml)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("alerting.routes[0].match.name[1]");
            assertThat(p.message()).contains("at most 256 characters, got 257").doesNotContain(LONG);
        });
    }

    @Test
    void tooManySilenceValuesOrTagsAreRejected() {
        String names = String.join(", ", IntStream.rangeClosed(0, MatchLimits.MAX_VALUES).mapToObj(i -> "a" + i + "*").toList());
        String yaml = """
                alerting:
                  receivers: [{name: rec, log: {}}]
                  silences:
                    - matchers: {name: [%s]}
                      ends_at: 2030-01-01T00:00:00Z
                """.formatted(names);

        assertThat(problems(yaml)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("alerting.silences[0].matchers.name");
            assertThat(p.message()).contains("at most 100 values, got 101");
        });
    }

    @Test
    void filterGlobsAndTagsHaveTheSameLimits() {
        assertThat(problems("filter: {exclude: [\"%s\"]}".formatted(LONG))).extracting(ConfigProblem::path)
                .containsExactly("filter.exclude[0]");
        assertThat(problems("filter: {include_tags: {team: \"%s\"}}".formatted(LONG))).extracting(ConfigProblem::path)
                .containsExactly("filter.include_tags");
    }

    @Test
    void valuesAtTheLimitAreAccepted() {
        String atLimit = "*".repeat(MatchLimits.MAX_VALUE_LENGTH);
        MatchConfig m = new MatchConfig(null, null, null, null, null,
                Collections.nCopies(MatchLimits.MAX_VALUES, atLimit), null);
        assertThat(m.name()).hasSize(100);
        assertThat(new FilterConfig(List.of(atLimit), List.of(atLimit), null, null).include()).containsExactly(atLimit);
    }

    @Test
    void theApiGetsTheSameCheck() {
        assertThatThrownBy(() -> new MatchConfig(null, null, List.of(LONG), null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("status[0]: at most 256 characters, got 257");
    }

    private static List<ConfigProblem> problems(String yaml) {
        try {
            ConfigLoader.parse(yaml, "test.yaml");
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected the configuration to be rejected:\n" + yaml);
    }
}
