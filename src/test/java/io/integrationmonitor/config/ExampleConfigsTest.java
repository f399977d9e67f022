package io.integrationmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped example files under deploy/config must stay valid and complete. */
class ExampleConfigsTest {
    private static final Path REFERENCE = Path.of("deploy/config/integration-monitor.yaml");
    private static final Path MINIMAL = Path.of("deploy/config/minimal.yaml");

    @Test
    void referenceFileValidatesAndItsValuesAreTheDefaults() {
        // when
        MonitorConfig config = ConfigLoader.load(REFERENCE, Map.of());

        // then: the file documents defaults, so it must mean exactly what an empty file means
        assertThat(config).isEqualTo(MonitorConfig.defaults());
    }

    @Test
    void referenceFileMentionsEveryKey() throws Exception {
        // given
        String reference = Files.readString(REFERENCE);
        Set<String> keys = new TreeSet<>();
        collectKeys(MonitorConfig.class, keys);

        // then: each key appears as "key:", set or commented out
        assertThat(keys).isNotEmpty().allSatisfy(key -> assertThat(reference)
                .as("deploy/config/integration-monitor.yaml documents '%s'", key)
                .containsPattern(Pattern.compile("^[\\s#-]*" + key + ":", Pattern.MULTILINE)));
    }

    @Test
    void minimalFileValidatesWithAndWithoutItsVariable() {
        assertThat(ConfigLoader.load(MINIMAL, Map.of()).aws().region()).isEqualTo("us-east-1");
        assertThat(ConfigLoader.load(MINIMAL, Map.of("AWS_REGION", "eu-north-1")).aws().region())
                .isEqualTo("eu-north-1");
    }

    private static void collectKeys(Class<?> record, Set<String> keys) {
        for (RecordComponent component : record.getRecordComponents()) {
            keys.add(RecordKeys.keyOf(component));
            recordsIn(component.getGenericType(), keys);
        }
    }

    private static void recordsIn(Type type, Set<String> keys) {
        if (type instanceof Class<?> raw && raw.isRecord()) {
            collectKeys(raw, keys);
        } else if (type instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                recordsIn(argument, keys);
            }
        }
    }
}
