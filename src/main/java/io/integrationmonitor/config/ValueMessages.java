package io.integrationmonitor.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The words of the binder's problems: what was expected and what was found, in the user's terms, never a
 * Java type. A value is shown only where it may be: at a {@link SecretKeys secret key} the message ends in
 * {@link SecretKeys#HIDDEN}, and a value from the environment is referred to by its variable.
 */
final class ValueMessages {
    private final Map<String, EnvInterpolator.Interpolated> interpolated;

    ValueMessages(Map<String, EnvInterpolator.Interpolated> interpolated) {
        this.interpolated = interpolated;
    }

    boolean isInterpolated(String path) {
        return interpolated.containsKey(path);
    }

    /** A text value that does not parse as its type ({@link ConfigMapper.TextType}). */
    String invalidText(Class<?> type, JsonNode node, String path, String reason) {
        return withValue(ConfigMapper.textType(type).invalid(), node, path) + ": " + reason;
    }

    /** A value of the wrong kind for its type. */
    String mismatch(JsonNode node, Class<?> type, String path) {
        if (type.isEnum()) {
            String names = Arrays.stream(type.getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            return withValue("must be one of " + names, node, path);
        }
        if (isIntegral(type) && node.isIntegralNumber()) {
            return "number too large";
        }
        if (isIntegral(type) && node.isTextual() && node.textValue().strip().matches("-?\\d+")
                && !isInterpolated(path) && !SecretKeys.isSecret(path)) {
            return "expected an integer, got the string " + shown(node, path) + " (remove the quotes)";
        }
        return withValue("expected " + expected(type), node, path);
    }

    private static String expected(Class<?> type) {
        if (isIntegral(type)) {
            return "an integer";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        ConfigMapper.TextType<?> textType = ConfigMapper.textType(type);
        return textType == null ? "a valid value" : textType.expected();
    }

    static boolean isIntegral(Class<?> type) {
        return type == Integer.class || type == int.class || type == Long.class || type == long.class;
    }

    /** A constructor's problem with its value, as {@link #withValue} shows one. */
    String rendered(KeyProblem problem, String path) {
        if (problem.shown() == null) {
            return problem.message();
        }
        if (SecretKeys.isSecret(path)) {
            return problem.message().contains(SecretKeys.HIDDEN)
                    ? problem.message() : problem.message() + " " + SecretKeys.HIDDEN;
        }
        EnvInterpolator.Interpolated from = interpolated.get(path);
        return problem.message() + ", got " + (from != null ? from.reference() : problem.shown());
    }

    /** {@code message, got VALUE}; at a secret key the message ends in {@link SecretKeys#HIDDEN} instead. */
    String withValue(String message, JsonNode node, String path) {
        return SecretKeys.isSecret(path) ? message + " " + SecretKeys.HIDDEN : message + ", got " + shown(node, path);
    }

    /** How a message may show a value: never the value itself when it is a secret or came from the environment. */
    String shown(JsonNode node, String path) {
        if (SecretKeys.isSecret(path)) {
            return SecretKeys.HIDDEN;
        }
        EnvInterpolator.Interpolated from = interpolated.get(path);
        if (from != null) {
            return from.reference();
        }
        if (node.isTextual()) {
            return KeyProblem.show(node.textValue());
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        return node.asText() + (node.isNumber() ? " (a number)" : node.isBoolean() ? " (a boolean)" : "");
    }
}
