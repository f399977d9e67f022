package io.integrationmonitor.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in scalar values (never in keys); {@code $${} is a
 * literal {@code ${}. Remembers which values were interpolated so that nothing downstream echoes them:
 * they typically hold secrets such as webhook URLs.
 */
final class EnvInterpolator {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** A value that came (partly) from the environment. */
    record Interpolated(String template, String value, List<String> substitutedValues) {
        /** How messages refer to the value instead of showing it. */
        String reference() {
            return "value from " + template;
        }
    }

    private final Map<String, String> env;
    private final Map<String, Interpolated> interpolated = new HashMap<>();
    private final List<ConfigProblem> problems = new ArrayList<>();

    EnvInterpolator(Map<String, String> env) {
        this.env = env;
    }

    /** Interpolates the tree in place. */
    void interpolate(JsonNode node, String path) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String childPath = KeyPaths.key(path, field.getKey());
                if (field.getValue().isTextual()) {
                    field.setValue(interpolateScalar(field.getValue().textValue(), childPath));
                } else {
                    interpolate(field.getValue(), childPath);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String childPath = KeyPaths.index(path, i);
                if (array.get(i).isTextual()) {
                    array.set(i, interpolateScalar(array.get(i).textValue(), childPath));
                } else {
                    interpolate(array.get(i), childPath);
                }
            }
        }
    }

    /**
     * An interpolated value is text whatever it looks like; where a number or a boolean is expected, text
     * that spells one is one ({@code port: ${PORT}}).
     */
    static JsonNode typed(String text, Class<?> type) {
        String value = text.strip();
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (ValueMessages.isIntegral(type) && value.matches("-?\\d+")) {
            return nodes.numberNode(new BigInteger(value));
        }
        if ((type == Double.class || type == double.class) && value.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
            return nodes.numberNode(Double.parseDouble(value));
        }
        if ((type == Boolean.class || type == boolean.class) && value.matches("(?i)true|false")) {
            return nodes.booleanNode(Boolean.parseBoolean(value));
        }
        return nodes.textNode(text);
    }

    Map<String, Interpolated> interpolated() {
        return Map.copyOf(interpolated);
    }

    List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    private JsonNode interpolateScalar(String template, String path) {
        if (!template.contains("${")) {
            return TextNode.valueOf(template);
        }
        StringBuilder out = new StringBuilder();
        List<String> substituted = new ArrayList<>();
        boolean unresolved = false;
        int i = 0;
        while (i < template.length()) {
            if (template.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (template.startsWith("${", i)) {
                int end = template.indexOf('}', i + 2);
                if (end < 0) {
                    return fail(path, "unterminated '${' (write '$${' for a literal '${')");
                }
                String value = resolve(template.substring(i + 2, end), path);
                if (value == null) {
                    unresolved = true; // keep going: report every missing variable of this value
                } else {
                    out.append(value);
                    substituted.add(value);
                }
                i = end + 1;
            } else {
                out.append(template.charAt(i));
                i++;
            }
        }
        if (unresolved) {
            return TextNode.valueOf("");
        }
        String value = out.toString();
        if (!substituted.isEmpty()) {
            interpolated.put(path, new Interpolated(template, value, List.copyOf(substituted)));
        }
        return TextNode.valueOf(value);
    }

    /** The variable's value, its default, or null after recording a problem. */
    private String resolve(String expression, String path) {
        int separator = expression.indexOf(":-");
        String name = separator < 0 ? expression : expression.substring(0, separator);
        if (!NAME.matcher(name).matches()) {
            fail(path, "'${" + expression + "}' is not a valid reference; use ${NAME} or ${NAME:-default}");
            return null;
        }
        String value = env.get(name);
        if (separator >= 0 && (value == null || value.isEmpty())) {
            return expression.substring(separator + 2);
        }
        if (value == null) {
            fail(path, "environment variable " + name + " is not set (give a default with ${" + name + ":-default})");
            return null;
        }
        return value;
    }

    private JsonNode fail(String path, String message) {
        problems.add(new ConfigProblem(path, message));
        return TextNode.valueOf("");
    }
}
