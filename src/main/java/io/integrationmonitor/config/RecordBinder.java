package io.integrationmonitor.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Binds a YAML tree onto config records by reflection, strictly, collecting every problem with its key path.
 *
 * <p>Generic on purpose: a record added anywhere under {@link MonitorConfig} gets the same unknown-key checks,
 * type checks and path reporting with no code here. Keys are the snake_case forms of component names; a
 * missing or null key passes null to the canonical constructor, which applies the default. An
 * {@link IllegalArgumentException} from a compact constructor whose message begins with a component's key
 * (e.g. {@code "page_size must be ..."}) is reported at that component's path.
 *
 * <p>Not thread-safe: one instance per load.
 */
final class RecordBinder {
    /** Marks a value that could not be bound; its problem is already recorded. */
    private static final Object FAILED = new Object();
    private static final Pattern LEADING_KEY =
            Pattern.compile("([a-z][a-z0-9_]*)((?:\\[\\d+]|\\.[a-z][a-z0-9_]*)*)(?::\\s*|\\s+)(.*)", Pattern.DOTALL);
    private static final int MAX_SHOWN_LENGTH = 80;

    private final Map<String, EnvInterpolator.Interpolated> interpolated;
    private final Map<String, List<ConfigProblem>> earlierProblems;
    private final List<ConfigProblem> problems = new ArrayList<>();

    /**
     * @param interpolated    values that came from the environment, by path: never shown
     * @param earlierProblems problems found before binding (e.g. a missing variable); reported in document
     *                        order with the rest, and their paths are not bound
     */
    RecordBinder(Map<String, EnvInterpolator.Interpolated> interpolated, List<ConfigProblem> earlierProblems) {
        this.interpolated = interpolated;
        this.earlierProblems = new LinkedHashMap<>();
        earlierProblems.forEach(problem ->
                this.earlierProblems.computeIfAbsent(problem.path(), path -> new ArrayList<>()).add(problem));
    }

    /** The bound record, or null when there were problems (see {@link #problems()}). */
    <T extends Record> T bind(JsonNode root, Class<T> type) {
        Object value = bindRecord(root == null ? JsonNodeFactory.instance.objectNode() : root, type, "");
        // Earlier problems below an unknown key were not reached; they still count.
        earlierProblems.values().forEach(problems::addAll);
        earlierProblems.clear();
        return value == FAILED || !problems.isEmpty() ? null : type.cast(value);
    }

    List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    /** The YAML key of a record component: its {@code @JsonProperty} name, else the snake_case form of its name. */
    static String keyOf(RecordComponent component) {
        com.fasterxml.jackson.annotation.JsonProperty renamed =
                component.getAccessor().getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
        if (renamed != null && !renamed.value().isEmpty()) {
            return renamed.value();
        }
        return ((PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE)
                .translate(component.getName());
    }

    /** A scalar where a list is expected is one item, for components that opt in with Jackson's annotation. */
    private static JsonNode singleValueAsList(RecordComponent component, JsonNode value) {
        com.fasterxml.jackson.annotation.JsonFormat format =
                component.getAccessor().getAnnotation(com.fasterxml.jackson.annotation.JsonFormat.class);
        boolean accepts = format != null && java.util.Arrays.asList(format.with())
                .contains(com.fasterxml.jackson.annotation.JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        if (accepts && value.isValueNode() && Collection.class.isAssignableFrom(component.getType())) {
            return JsonNodeFactory.instance.arrayNode().add(value);
        }
        return value;
    }

    private Object bind(JsonNode node, Type type, String path) {
        List<ConfigProblem> earlier = earlierProblems.remove(path);
        if (earlier != null) {
            problems.addAll(earlier);
            return FAILED;
        }
        if (type instanceof WildcardType wildcard) {
            return bind(node, wildcard.getUpperBounds()[0], path);
        }
        if (type instanceof ParameterizedType parameterized) {
            return bindParameterized(node, parameterized, path);
        }
        if (type instanceof Class<?> raw) {
            return bindClass(node, raw, path);
        }
        throw new IllegalStateException("config type " + type + " at " + path + " is not supported");
    }

    private Object bindParameterized(JsonNode node, ParameterizedType type, String path) {
        Class<?> raw = (Class<?>) type.getRawType();
        Type[] arguments = type.getActualTypeArguments();
        if (raw == List.class || raw == Collection.class || raw == Set.class) {
            return bindCollection(node, arguments[0], raw == Set.class, path);
        }
        if (raw == Map.class && arguments[0] == String.class) {
            return bindMap(node, arguments[1], path);
        }
        throw new IllegalStateException("config type " + type + " at " + path + " is not supported");
    }

    private Object bindCollection(JsonNode node, Type elementType, boolean unique, String path) {
        if (!node.isArray()) {
            return mismatch("a list", node, path);
        }
        Map<Object, Integer> firstIndex = new LinkedHashMap<>();
        boolean failed = false;
        for (int i = 0; i < node.size(); i++) {
            String elementPath = KeyPaths.index(path, i);
            JsonNode element = node.get(i);
            Object value;
            if (element.isNull() && !isRecord(elementType)) {
                value = problem(elementPath, "empty list item");
            } else {
                value = bind(element.isNull() ? JsonNodeFactory.instance.objectNode() : element, elementType,
                        elementPath);
            }
            if (value == FAILED) {
                failed = true;
            } else if (firstIndex.containsKey(value)) {
                // Repeating an entry is always a slip (a pasted target, a region twice), never intended.
                failed = true;
                problem(elementPath, "duplicates " + KeyPaths.index(path, firstIndex.get(value)));
            } else {
                firstIndex.put(value, i);
            }
        }
        if (failed) {
            return FAILED;
        }
        return unique ? Set.copyOf(firstIndex.keySet()) : List.copyOf(firstIndex.keySet());
    }

    private Object bindMap(JsonNode node, Type valueType, String path) {
        if (!node.isObject()) {
            return mismatch("a mapping", node, path);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        boolean failed = false;
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String fieldPath = KeyPaths.key(path, field.getKey());
            Object value = field.getValue().isNull()
                    ? problem(fieldPath, "empty value")
                    : bind(field.getValue(), valueType, fieldPath);
            if (value == FAILED) {
                failed = true;
            } else {
                values.put(field.getKey(), value);
            }
        }
        return failed ? FAILED : Map.copyOf(values);
    }

    private Object bindClass(JsonNode node, Class<?> type, String path) {
        if (type.isRecord()) {
            return bindRecord(node, type, path);
        }
        if (type == String.class) {
            return bindString(node, path);
        }
        if (type == Integer.class || type == int.class) {
            return bindInteger(node, path);
        }
        if (type == Long.class || type == long.class) {
            return bindLong(node, path);
        }
        if (type == Boolean.class || type == boolean.class) {
            return bindBoolean(node, path);
        }
        if (type == Double.class || type == double.class) {
            return bindDouble(node, path);
        }
        if (type == Duration.class) {
            return bindDuration(node, path);
        }
        if (type == Path.class) {
            return bindPath(node, path);
        }
        if (type == URI.class) {
            return bindUri(node, path);
        }
        if (type.isEnum()) {
            return bindEnum(node, type, path);
        }
        Method factory = stringFactory(type);
        if (factory != null) {
            return bindWithFactory(node, factory, path);
        }
        throw new IllegalStateException("config type " + type.getName() + " at " + path + " is not supported");
    }

    private Object bindRecord(JsonNode node, Class<?> type, String path) {
        RecordComponent[] components = type.getRecordComponents();
        Map<String, RecordComponent> byKey = new LinkedHashMap<>();
        for (RecordComponent component : components) {
            byKey.put(keyOf(component), component);
        }
        if (!node.isObject()) {
            return problem(path, "expected a mapping with keys " + String.join(", ", byKey.keySet())
                    + ", got " + shown(node, path));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> failedKeys = new LinkedHashSet<>();
        boolean unknownKeys = false;
        // In document order, so that problems come out in the order the user reads the file.
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            RecordComponent component = byKey.get(name);
            if (component == null) {
                unknownKeys = true;
                problem(KeyPaths.key(path, name), unknownKeyMessage(name, byKey.keySet()));
            } else if (!field.getValue().isNull()) {
                Object value = bind(singleValueAsList(component, field.getValue()), component.getGenericType(),
                        KeyPaths.key(path, name));
                if (value == FAILED) {
                    failedKeys.add(name);
                } else {
                    values.put(name, value);
                }
            }
        }
        // Absent, null and failed keys pass null: the compact constructor applies the default. Constructing
        // even after a failure lets the record's own checks of its other keys be reported in the same run.
        Object[] arguments = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> componentType = components[i].getType();
            Object value = values.get(keyOf(components[i]));
            arguments[i] = value == null && componentType.isPrimitive() ? primitiveDefault(componentType) : value;
        }
        Object constructed = construct(type, components, arguments, byKey.keySet(), failedKeys, path);
        return unknownKeys || !failedKeys.isEmpty() ? FAILED : constructed;
    }

    private Object construct(Class<?> type, RecordComponent[] components, Object[] arguments, Set<String> keys,
            Set<String> failedKeys, String path) {
        Class<?>[] parameterTypes = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
            constructor.setAccessible(true);
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            ConfigProblem problem = cause instanceof IllegalArgumentException && cause.getMessage() != null
                    ? attributed(path, keys, cause.getMessage())
                    : new ConfigProblem(path, "invalid: " + cause);
            if (failedKeys.isEmpty() || isAboutBoundKey(problem, path, failedKeys)) {
                problems.add(problem);
            }
            return FAILED;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct config record " + type.getName(), e);
        }
    }

    /**
     * After a key failed to bind, the constructor saw its default instead: only its complaints about other
     * keys are real; the rest would be echoes of (or artefacts of) the problem already reported.
     */
    private static boolean isAboutBoundKey(ConfigProblem problem, String path, Set<String> failedKeys) {
        if (problem.path().equals(path)) {
            return false;
        }
        return failedKeys.stream().noneMatch(key -> KeyPaths.within(problem.path(), KeyPaths.key(path, key)));
    }

    /** A compact constructor's message, at the key it begins with if it names one. */
    private static ConfigProblem attributed(String path, Set<String> keys, String message) {
        Matcher leading = LEADING_KEY.matcher(message);
        if (leading.matches() && keys.contains(leading.group(1)) && !leading.group(3).isBlank()) {
            return new ConfigProblem(KeyPaths.key(path, leading.group(1) + leading.group(2)), leading.group(3));
        }
        return new ConfigProblem(path, message);
    }

    private Object bindString(JsonNode node, String path) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber()) {
            return node.asText(); // account ids and tag values are often written unquoted
        }
        return mismatch("a string", node, path);
    }

    private Object bindInteger(JsonNode node, String path) {
        Object number = integral(node, path, "an integer");
        if (number == FAILED) {
            return FAILED;
        }
        JsonNode numeric = (JsonNode) number;
        return numeric.canConvertToInt() ? (Object) numeric.intValue() : problem(path, "number too large");
    }

    private Object bindLong(JsonNode node, String path) {
        Object number = integral(node, path, "an integer");
        if (number == FAILED) {
            return FAILED;
        }
        JsonNode numeric = (JsonNode) number;
        return numeric.canConvertToLong() ? (Object) numeric.longValue() : problem(path, "number too large");
    }

    /** The node as an integral number node; text only where it came from the environment. */
    private Object integral(JsonNode node, String path, String expected) {
        if (node.isIntegralNumber()) {
            return node;
        }
        boolean numeric = node.isTextual() && node.textValue().strip().matches("-?\\d+");
        if (numeric && interpolated.containsKey(path)) {
            return JsonNodeFactory.instance.numberNode(new BigInteger(node.textValue().strip()));
        }
        return numeric
                ? problem(path, "expected " + expected + ", got the string " + shown(node, path) + " (remove the quotes)")
                : mismatch(expected, node, path);
    }

    private Object bindDouble(JsonNode node, String path) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual() && interpolated.containsKey(path)) {
            try {
                return Double.parseDouble(node.textValue().strip());
            } catch (NumberFormatException e) {
                return mismatch("a number", node, path);
            }
        }
        return mismatch("a number", node, path);
    }

    private Object bindBoolean(JsonNode node, String path) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual() && interpolated.containsKey(path)) {
            String text = node.textValue().strip().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return Boolean.parseBoolean(text);
            }
        }
        return mismatch("true or false", node, path);
    }

    private Object bindDuration(JsonNode node, String path) {
        if (!node.isTextual()) {
            return problem(path, "expected a duration with a unit (" + Durations.EXAMPLES
                    + "), got " + shown(node, path));
        }
        try {
            return Durations.parse(node.textValue());
        } catch (IllegalArgumentException e) {
            return problem(path, "invalid duration " + shown(node, path) + ": " + e.getMessage());
        }
    }

    private Object bindPath(JsonNode node, String path) {
        if (!node.isTextual()) {
            return mismatch("a file path", node, path);
        }
        if (node.textValue().isBlank()) {
            return problem(path, "must not be empty");
        }
        try {
            return Path.of(node.textValue());
        } catch (InvalidPathException e) {
            return problem(path, "invalid path " + shown(node, path) + ": " + e.getReason());
        }
    }

    private Object bindUri(JsonNode node, String path) {
        if (!node.isTextual()) {
            return mismatch("a URL", node, path);
        }
        try {
            return new URI(node.textValue().strip());
        } catch (URISyntaxException e) {
            // e.getMessage() repeats the input, which may be a secret; the reason does not.
            return problem(path, "invalid URL " + shown(node, path) + ": " + e.getReason());
        }
    }

    private Object bindEnum(JsonNode node, Class<?> type, String path) {
        List<String> names = Arrays.stream(type.getEnumConstants())
                .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
                .collect(Collectors.toList());
        if (node.isTextual()) {
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equalsIgnoreCase(node.textValue().strip())) {
                    return constant;
                }
            }
        }
        return problem(path, "must be one of " + String.join(", ", names) + ", got " + shown(node, path));
    }

    private Object bindWithFactory(JsonNode node, Method factory, String path) {
        if (!node.isTextual()) {
            return mismatch("a string", node, path);
        }
        try {
            return factory.invoke(null, node.textValue());
        } catch (InvocationTargetException e) {
            return problem(path, "invalid value " + shown(node, path)
                    + (e.getCause() instanceof IllegalArgumentException ? "" : ": " + e.getCause().getClass()));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A public static {@code parse}, {@code of} or {@code valueOf} taking one String (or CharSequence, as
     * java.time's {@code Instant.parse} and {@code LocalTime.parse} do): value types bind from text.
     */
    private static Method stringFactory(Class<?> type) {
        for (String name : List.of("parse", "of", "valueOf")) {
            for (Class<?> parameter : List.of(String.class, CharSequence.class)) {
                try {
                    Method method = type.getMethod(name, parameter);
                    if (Modifier.isStatic(method.getModifiers()) && type.isAssignableFrom(method.getReturnType())) {
                        return method;
                    }
                } catch (NoSuchMethodException e) {
                    // try the next name
                }
            }
        }
        return null;
    }

    private static boolean isRecord(Type type) {
        return type instanceof Class<?> raw && raw.isRecord();
    }

    private static Object primitiveDefault(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0.0;
        }
        return 0;
    }

    private Object mismatch(String expected, JsonNode node, String path) {
        return problem(path, "expected " + expected + ", got " + shown(node, path));
    }

    private Object problem(String path, String message) {
        problems.add(new ConfigProblem(path, message));
        return FAILED;
    }

    /** How a message may show a value: never the value itself when it is a secret or came from the environment. */
    private String shown(JsonNode node, String path) {
        if (SecretKeys.isSecret(path)) {
            return SecretKeys.HIDDEN;
        }
        EnvInterpolator.Interpolated from = interpolated.get(path);
        if (from != null) {
            return from.reference();
        }
        if (node.isTextual()) {
            String text = node.textValue();
            return "'" + (text.length() > MAX_SHOWN_LENGTH ? text.substring(0, MAX_SHOWN_LENGTH) + "..." : text) + "'";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isBoolean()) {
            return node.asText() + " (a boolean)";
        }
        return node.asText() + (node.isNumber() ? " (a number)" : "");
    }

    static String unknownKeyMessage(String name, Collection<String> allowed) {
        String snake = ((PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE).translate(name)
                .replace('-', '_');
        String suggestion = allowed.stream()
                .filter(candidate -> candidate.equals(snake) || editDistance(snake, candidate) <= 2)
                .findFirst()
                .map(candidate -> " (did you mean '" + candidate + "'?)")
                .orElse("");
        return "unknown key '" + name + "'" + suggestion + "; allowed keys here: " + String.join(", ", allowed);
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
