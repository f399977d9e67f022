package io.integrationmonitor.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Binds a JSON or YAML tree onto a config record the one way the configuration file is bound: the same
 * strictness, the same messages, every problem at once. For other parts of the monitor that accept config
 * records from elsewhere, such as the silences API's {@link MatchConfig matchers}.
 */
public final class ConfigBinding {
    private ConfigBinding() {
    }

    /**
     * @param path where the tree sits, prefixed to every problem's path ({@code matchers})
     * @throws ConfigException with every problem, labelled {@code path}
     */
    public static <T extends Record> T bind(JsonNode tree, Class<T> type, String path) {
        return bind(tree, type, path, path, new EnvInterpolator(Map.of()));
    }

    /** After interpolation: the interpolator knows which values came from the environment. */
    static <T extends Record> T bind(JsonNode tree, Class<T> type, String path, String sourceName,
            EnvInterpolator interpolator) {
        TreeBinder binder = new TreeBinder(interpolator.interpolated(), interpolator.problems());
        T bound = binder.bind(tree, type, path);
        List<ConfigProblem> problems = binder.problems();
        if (!problems.isEmpty()) {
            throw new ConfigException(sourceName, new SecretMask(tree, interpolator.interpolated()).apply(problems));
        }
        return bound;
    }
}
