package io.integrationmonitor.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last guard, after the binder and {@link KeyProblem} have shown values only where they may: a message
 * that mentions a value of another key (an overlapping target's role, a receiver's name) could still quote
 * a secret. Every text that is secret wherever it appears (the values at {@link SecretKeys}, the credentials of
 * any URL, the values that came from the environment) is replaced by a mask or a reference to its variable.
 */
final class SecretMask {
    /** Shorter texts are not secrets worth the garbling: a port, a count. */
    private static final int MIN_MASKED_LENGTH = 4;
    private static final String MASK = "***";

    private final List<String> secretTexts;
    private final Map<String, EnvInterpolator.Interpolated> interpolated;

    SecretMask(JsonNode tree, Map<String, EnvInterpolator.Interpolated> interpolated) {
        this.secretTexts = secretTexts(tree, "").stream()
                .filter(text -> text.length() >= MIN_MASKED_LENGTH)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        this.interpolated = interpolated;
    }

    List<ConfigProblem> apply(List<ConfigProblem> problems) {
        List<ConfigProblem> masked = new ArrayList<>();
        for (ConfigProblem problem : problems) {
            String message = problem.message();
            for (EnvInterpolator.Interpolated value : interpolated.values()) {
                message = replace(message, value.value(), value.reference());
                for (String part : value.substitutedValues()) {
                    message = replace(message, part, "(hidden)");
                }
            }
            for (String secret : secretTexts) {
                message = replace(message, secret, MASK);
            }
            masked.add(new ConfigProblem(problem.path(), message));
        }
        return masked;
    }

    /** The (interpolated) text of every value at a secret key, and the credentials of every URL. */
    private static List<String> secretTexts(JsonNode node, String path) {
        List<String> texts = new ArrayList<>();
        if (node.isObject()) {
            node.properties().forEach(field ->
                    texts.addAll(secretTexts(field.getValue(), KeyPaths.key(path, field.getKey()))));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                texts.addAll(secretTexts(node.get(i), KeyPaths.index(path, i)));
            }
        } else if (node.isValueNode() && !node.isNull()) {
            String text = node.asText();
            if (SecretKeys.isSecret(path)) {
                texts.add(text);
                texts.add(text.strip());
            }
            texts.addAll(SecretKeys.credentialsOf(text));
        }
        return texts;
    }

    /** Case-insensitive because constructors may normalise case (a log level). */
    private static String replace(String text, String target, String replacement) {
        if (target.length() < MIN_MASKED_LENGTH) {
            return text;
        }
        return Pattern.compile(Pattern.quote(target), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                .matcher(text).replaceAll(Matcher.quoteReplacement(replacement));
    }
}
