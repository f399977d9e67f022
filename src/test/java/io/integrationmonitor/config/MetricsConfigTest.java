package io.integrationmonitor.config;

import io.integrationmonitor.config.MetricsConfig.StateSets;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsConfigTest {
    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void stateSetsDefaultToAll() {
        assertThat(ConfigLoader.parse("", "empty.yaml", NO_ENV).metrics().stateSets()).isEqualTo(StateSets.ALL);
    }

    @Test
    void currentOnlyIsSpelledInSnakeCase() {
        // when
        MetricsConfig metrics = ConfigLoader.parse("metrics:\n  state_sets: current_only\n", "m.yaml", NO_ENV)
                .metrics();

        // then
        assertThat(metrics.stateSets()).isEqualTo(StateSets.CURRENT_ONLY);
    }

    @Test
    void unknownKeysAndValuesAreRejected() {
        assertThat(problems("metrics:\n  state_set: all\n")).extracting(ConfigProblem::toString).singleElement()
                .asString().startsWith("metrics.state_set: unknown key 'state_set' (did you mean 'state_sets'?)");
        assertThat(problems("metrics:\n  state_sets: some\n")).extracting(ConfigProblem::toString).singleElement()
                .asString().startsWith("metrics.state_sets:");
    }

    private static List<ConfigProblem> problems(String yaml) {
        try {
            ConfigLoader.parse(yaml, "test.yaml", NO_ENV);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected the configuration to be rejected:\n" + yaml);
    }
}
