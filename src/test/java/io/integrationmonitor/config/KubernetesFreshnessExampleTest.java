package io.integrationmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The commented {@code # freshness:} example of the Kubernetes configs is a valid freshness section when uncommented. */
class KubernetesFreshnessExampleTest {

    @ParameterizedTest
    @ValueSource(strings = {"deploy/kubernetes/base/config.yaml", "deploy/kubernetes/overlays/ha/config.yaml"})
    void theCommentedFreshnessExampleBindsAsIs(String file) throws IOException {
        // given
        String example = commentedBlock(Path.of(file), "# freshness:");

        // when: unknown keys and bad values would be rejected here
        FreshnessConfig freshness = ConfigLoader.parse(example, file, Map.of()).freshness();

        // then: it shows the defaults and one override
        assertThat(example).startsWith("freshness:");
        assertThat(freshness.enabled()).isTrue();
        assertThat(freshness.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(freshness.stale()).isEqualTo(FreshnessConfig.StaleConfig.defaults());
        assertThat(freshness.lag()).isEqualTo(FreshnessConfig.LagConfig.defaults());
        assertThat(freshness.tablesFailing()).isEqualTo(FreshnessConfig.TablesFailingConfig.defaults());
        assertThat(freshness.overrides()).hasSize(1);
    }

    /** The lines from {@code header} on that continue it ({@code "#   "}), uncommented. */
    private static String commentedBlock(Path file, String header) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean inside = false;
        for (String line : Files.readAllLines(file)) {
            if (line.equals(header)) {
                inside = true;
            } else if (inside && !line.startsWith("#   ")) {
                break;
            }
            if (inside) {
                lines.add(line.substring(2));
            }
        }
        assertThat(lines).as("%s has a commented %s example", file, header).isNotEmpty();
        return String.join("\n", lines) + "\n";
    }
}
