package io.integrationmonitor.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Binds a YAML tree onto a config record with {@link ConfigMapper}, reporting every problem at once, each at
 * its key path.
 *
 * <p>Jackson 2 stops at the first problem (collecting them arrives in Jackson 3.1), so the tree is walked
 * along the record types: every key, list item and map value is checked on its own, Jackson binding the
 * leaves, and every record is then bound by Jackson from what passed, so that its compact constructor checks
 * the rest ({@link KeyProblem}s). Whatever failed is left out of its parent, which therefore sees the default;
 * a constructor's problem about a key that failed, or that {@linkplain KeyProblem#involves() involves} one,
 * would be an echo of it and is dropped. Generic on purpose: a record added anywhere gets the same checks.
 *
 * <p>Not thread-safe: one instance per binding.
 */
final class TreeBinder {
    private static final YAMLMapper MAPPER = ConfigMapper.MAPPER;

    private final ValueMessages messages;
    private final Map<String, List<ConfigProblem>> earlierProblems = new LinkedHashMap<>();
    private final List<ConfigProblem> problems = new ArrayList<>();
    /** Paths left out of their parents: values that failed, and unknown keys. */
    private final List<String> failed = new ArrayList<>();

    /**
     * A value that passed: the node its parent keeps (normalised) and what Jackson made of it; items it
     * lists twice are problems its record reports after its own checks (see {@link #checkCollection}).
     */
    private record Bound(JsonNode node, Object value, List<ConfigProblem> duplicates) {
        Bound(JsonNode node, Object value) {
            this(node, value, List.of());
        }
    }

    /**
     * @param interpolated    values that came from the environment, by path: never shown
     * @param earlierProblems problems found before binding (a missing variable); reported in document order
     *                        with the rest, and their paths are not bound
     */
    TreeBinder(Map<String, EnvInterpolator.Interpolated> interpolated, List<ConfigProblem> earlierProblems) {
        this.messages = new ValueMessages(interpolated);
        earlierProblems.forEach(problem ->
                this.earlierProblems.computeIfAbsent(problem.path(), path -> new ArrayList<>()).add(problem));
    }

    /** The bound record, or null when there were problems (see {@link #problems()}). */
    <T> T bind(JsonNode root, Class<T> type, String path) {
        Bound bound = check(root, MAPPER.constructType(type), path);
        if (bound != null && !bound.duplicates().isEmpty()) {
            problems.addAll(bound.duplicates());
        }
        // Earlier problems below an unknown key or a value of the wrong kind were not reached; they still count.
        earlierProblems.values().forEach(problems::addAll);
        earlierProblems.clear();
        return bound == null || !problems.isEmpty() ? null : type.cast(bound.value());
    }

    List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    private Bound check(JsonNode node, JavaType type, String path) {
        List<ConfigProblem> earlier = earlierProblems.remove(path);
        if (earlier != null) {
            problems.addAll(earlier);
            failed.add(path);
            return null;
        }
        if (type.getRawClass().isRecord()) {
            return checkRecord(node, type, path);
        }
        if (type.isCollectionLikeType()) {
            return checkCollection(node, type, path);
        }
        if (type.isMapLikeType()) {
            return checkMap(node, type, path);
        }
        return checkValue(node, type, path);
    }

    private Bound checkRecord(JsonNode node, JavaType type, String path) {
        Map<String, RecordComponent> byKey = RecordKeys.of(type.getRawClass());
        if (!node.isObject()) {
            return fail(path, "expected a mapping with keys " + String.join(", ", byKey.keySet())
                    + ", got " + messages.shown(node, path));
        }
        ObjectNode kept = JsonNodeFactory.instance.objectNode();
        List<ConfigProblem> duplicates = new ArrayList<>();
        int failedBefore = failed.size();
        // In document order, so that problems come out in the order the user reads the file.
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            String keyPath = KeyPaths.key(path, key);
            RecordComponent component = byKey.get(key);
            if (component == null) {
                problems.add(new ConfigProblem(keyPath, UnknownKeys.message(key, byKey.keySet())));
                failed.add(keyPath);
            } else if (!field.getValue().isNull()) { // null: absent, the constructor applies the default
                Bound child = check(RecordKeys.singleValueAsList(component, field.getValue()),
                        MAPPER.constructType(component.getGenericType()), keyPath);
                if (child != null) {
                    kept.set(key, child.node());
                    duplicates.addAll(child.duplicates());
                }
            }
        }
        List<String> failedBelow = List.copyOf(failed.subList(failedBefore, failed.size()));
        Object value;
        try {
            value = MAPPER.treeToValue(kept, type);
        } catch (ValueInstantiationException e) {
            int before = problems.size();
            constructorProblems(e, path, failedBelow);
            List<ConfigProblem> own = List.copyOf(problems.subList(before, problems.size()));
            // The record's own words win: a duplicate receiver is told by its name, not as a repeated item.
            duplicates.stream()
                    .filter(duplicate -> own.stream().noneMatch(problem -> overlap(problem.path(), duplicate.path())))
                    .forEach(problems::add);
            return fail(path);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("config record " + type.getRawClass().getSimpleName() + " at '" + path
                    + "' cannot be bound although every value in it passed", e);
        }
        if (!duplicates.isEmpty()) {
            // A record listing something twice would make its parent see it twice (a target overlapping itself).
            problems.addAll(duplicates);
            return fail(path);
        }
        return new Bound(kept, value);
    }

    private void constructorProblems(ValueInstantiationException e, String path, List<String> failedBelow) {
        InvalidConfigException invalid = invalidConfigIn(e);
        if (invalid == null) {
            // Not a config check: an IllegalArgumentException's message is all there is; any other failure's
            // message speaks Java ("Cannot invoke ... because ... is null"), not configuration.
            if (failedBelow.isEmpty()) {
                problems.add(new ConfigProblem(path, e.getCause() instanceof IllegalArgumentException cause
                        && cause.getMessage() != null ? cause.getMessage() : "invalid value"));
            }
            return;
        }
        for (KeyProblem problem : invalid.problems()) {
            String at = problem.key().isEmpty() ? path : KeyPaths.key(path, problem.key());
            if (!isEcho(problem, path, at, failedBelow)) {
                problems.add(new ConfigProblem(at, messages.rendered(problem, at)));
            }
        }
    }

    private static InvalidConfigException invalidConfigIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidConfigException invalid) {
                return invalid;
            }
        }
        return null;
    }

    /**
     * A constructor saw defaults where values failed: a problem about the record as a whole, or about a key
     * at, above or below a failed one (or involving one), repeats or misreads a problem already reported.
     */
    private static boolean isEcho(KeyProblem problem, String path, String at, List<String> failedBelow) {
        if (failedBelow.isEmpty()) {
            return false;
        }
        if (problem.key().isEmpty()) {
            return true;
        }
        return Stream.concat(Stream.of(at), problem.involves().stream().map(key -> KeyPaths.key(path, key)))
                .anyMatch(key -> failedBelow.stream().anyMatch(failedPath -> overlap(failedPath, key)));
    }

    /** One path is the other or lies below it. */
    private static boolean overlap(String path, String other) {
        return KeyPaths.within(path, other) || KeyPaths.within(other, path);
    }

    private Bound checkCollection(JsonNode node, JavaType type, String path) {
        if (!node.isArray()) {
            return fail(path, messages.withValue("expected a list", node, path));
        }
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        Map<Object, Integer> firstIndex = new HashMap<>();
        List<ConfigProblem> duplicates = new ArrayList<>();
        Set<Integer> repeated = new HashSet<>();
        boolean passed = true;
        for (int i = 0; i < node.size(); i++) {
            String itemPath = KeyPaths.index(path, i);
            JsonNode item = node.get(i);
            int failedBefore = failed.size();
            if (item.isNull() && type.getContentType().getRawClass().isRecord()) {
                item = JsonNodeFactory.instance.objectNode(); // "- " alone: an item with every default
            }
            Bound bound = item.isNull()
                    ? fail(itemPath, "empty list item")
                    : passed(check(item, type.getContentType(), itemPath));
            if (bound == null) {
                passed = false;
                continue;
            }
            if (failed.size() > failedBefore) {
                // Part of it failed and took its default: it may equal another item only by that.
                kept.add(bound.node());
                continue;
            }
            Integer first = firstIndex.putIfAbsent(bound.value(), i);
            if (first != null && repeated.add(first)) { // each value once: 100 copies are one slip
                // Repeating an entry is always a slip (a pasted target, a region twice), never intended. Told
                // after the record's own checks: "at most 100 values" says more about 101 copies of one value.
                duplicates.add(new ConfigProblem(itemPath, "duplicates " + KeyPaths.index(path, first)));
            }
            kept.add(bound.node());
        }
        if (!passed) {
            return fail(path);
        }
        Bound bound = bound(kept, type, path);
        return new Bound(bound.node(), bound.value(), duplicates);
    }

    /** An item of a list or map that lists something twice: its duplicates are told now, and it fails. */
    private Bound passed(Bound bound) {
        if (bound == null || bound.duplicates().isEmpty()) {
            return bound;
        }
        problems.addAll(bound.duplicates());
        bound.duplicates().forEach(problem -> failed.add(problem.path()));
        return null;
    }

    private Bound checkMap(JsonNode node, JavaType type, String path) {
        if (!node.isObject()) {
            return fail(path, messages.withValue("expected a mapping", node, path));
        }
        ObjectNode kept = JsonNodeFactory.instance.objectNode();
        boolean passed = true;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String keyPath = KeyPaths.key(path, field.getKey());
            Bound bound = field.getValue().isNull()
                    ? fail(keyPath, "empty value")
                    : passed(check(field.getValue(), type.getContentType(), keyPath));
            if (bound == null) {
                passed = false;
            } else {
                kept.set(field.getKey(), bound.node());
            }
        }
        return passed ? bound(kept, type, path) : fail(path);
    }

    private Bound checkValue(JsonNode node, JavaType type, String path) {
        Class<?> raw = type.getRawClass();
        JsonNode input = messages.isInterpolated(path) && node.isTextual() ? EnvInterpolator.typed(node.textValue(), raw) : node;
        try {
            return new Bound(input, MAPPER.treeToValue(input, type));
        } catch (ConfigMapper.InvalidText e) {
            return fail(path, messages.invalidText(raw, node, path, e.reason()));
        } catch (JsonProcessingException e) {
            return fail(path, messages.mismatch(node, raw, path));
        }
    }

    private Bound bound(JsonNode node, JavaType type, String path) {
        try {
            return new Bound(node, MAPPER.treeToValue(node, type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("config value at '" + path + "' cannot be bound although its parts passed",
                    e);
        }
    }

    private Bound fail(String path, String message) {
        problems.add(new ConfigProblem(path, message));
        return fail(path);
    }

    private Bound fail(String path) {
        failed.add(path);
        return null;
    }
}
