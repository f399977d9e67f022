package io.integrationmonitor.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the YAML configuration into a {@link MonitorConfig}: strict (unknown keys and wrong types are errors),
 * {@code ${ENV}} interpolation in values, and every problem reported at once in a {@link ConfigException}.
 * An empty document means all defaults.
 */
public final class ConfigLoader {
    /**
     * Below this length an interpolated value is only hidden in problems about its own record (short values
     * are not secrets, and replacing them everywhere would garble unrelated numbers in messages).
     */
    private static final int MIN_GLOBALLY_HIDDEN_LENGTH = 6;
    private static final int MIN_HIDDEN_PART_LENGTH = 4;
    private static final Pattern GOT_VALUE = Pattern.compile(", got .*$", Pattern.DOTALL);
    private static final Pattern QUOTED = Pattern.compile(" ?'[^']{4,}'");

    private ConfigLoader() {
    }

    /** Loads a file, interpolating from the process environment. */
    public static MonitorConfig load(Path file) {
        return load(file, System.getenv());
    }

    public static MonitorConfig load(Path file, Map<String, String> env) {
        return parse(read(file), file.toString(), env);
    }

    /** Parses YAML text, interpolating from the process environment; {@code sourceName} labels errors. */
    public static MonitorConfig parse(String yaml, String sourceName) {
        return parse(yaml, sourceName, System.getenv());
    }

    public static MonitorConfig parse(String yaml, String sourceName, Map<String, String> env) {
        return parse(yaml, sourceName, env, MonitorConfig.class);
    }

    /** Any root record: the loader knows nothing specific about {@link MonitorConfig}. */
    static <T extends Record> T parse(String yaml, String sourceName, Map<String, String> env, Class<T> rootType) {
        JsonNode tree = readTree(yaml, sourceName);
        EnvInterpolator interpolator = new EnvInterpolator(env);
        interpolator.interpolate(tree, "");
        RecordBinder binder = new RecordBinder(interpolator.interpolated(), interpolator.problems());
        T config = binder.bind(tree, rootType);

        List<ConfigProblem> problems = binder.problems();
        if (!problems.isEmpty()) {
            List<ConfigProblem> hidden = hideSecrets(problems, interpolator.interpolated());
            throw new ConfigException(sourceName, hideSecretKeys(hidden, secretTexts(tree, "")));
        }
        return config;
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw fileProblem(file, "file not found");
        } catch (AccessDeniedException e) {
            throw fileProblem(file, "permission denied");
        } catch (CharacterCodingException e) {
            throw fileProblem(file, "not UTF-8 text");
        } catch (IOException e) {
            throw fileProblem(file, Files.isDirectory(file) ? "is a directory, not a file" : e.toString());
        }
    }

    private static ConfigException fileProblem(Path file, String reason) {
        return new ConfigException(file.toString(), List.of(new ConfigProblem("", "cannot read " + file + ": " + reason)));
    }

    private static JsonNode readTree(String yaml, String sourceName) {
        YAMLMapper mapper = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
        try (JsonParser parser = mapper.createParser(yaml)) {
            JsonNode tree = mapper.readTree(parser);
            if (parser.nextToken() != null) {
                throw syntaxProblem(sourceName, "only one YAML document is allowed (found a second '---')",
                        parser.currentLocation());
            }
            // An empty (or comments-only, or "~") document means: all defaults.
            return tree == null || tree.isMissingNode() || tree.isNull() ? mapper.createObjectNode() : tree;
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage().lines().findFirst().orElse("").strip();
            throw syntaxProblem(sourceName, "invalid YAML: " + reason, e.getLocation());
        } catch (IOException e) {
            throw new ConfigException(sourceName, List.of(new ConfigProblem("", "cannot read: " + e)));
        }
    }

    private static ConfigException syntaxProblem(String sourceName, String message, JsonLocation location) {
        String where = location == null || location.getLineNr() < 1
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        return new ConfigException(sourceName, List.of(new ConfigProblem("", message + where)));
    }

    /**
     * A last guard: constructor messages may quote a value ("got '...'"); values from the environment are
     * secrets, so they are replaced by a reference to their variable.
     */
    static List<ConfigProblem> hideSecrets(List<ConfigProblem> problems,
            Map<String, EnvInterpolator.Interpolated> interpolated) {
        if (interpolated.isEmpty()) {
            return problems;
        }
        List<ConfigProblem> hidden = new ArrayList<>();
        for (ConfigProblem problem : problems) {
            String message = problem.message();
            EnvInterpolator.Interpolated own = interpolated.get(problem.path());
            if (own != null) {
                // Constructors quote the (possibly normalised) value after "got": refer to the variable instead.
                message = GOT_VALUE.matcher(message).replaceFirst(
                        Matcher.quoteReplacement(", got " + own.reference()));
            }
            for (Map.Entry<String, EnvInterpolator.Interpolated> entry : interpolated.entrySet()) {
                boolean related = KeyPaths.within(entry.getKey(), parentOf(problem.path()))
                        || KeyPaths.within(problem.path(), entry.getKey());
                message = related
                        ? hide(message, entry.getValue(), 1, MIN_HIDDEN_PART_LENGTH)
                        : hide(message, entry.getValue(), MIN_GLOBALLY_HIDDEN_LENGTH, MIN_GLOBALLY_HIDDEN_LENGTH);
            }
            hidden.add(new ConfigProblem(problem.path(), message));
        }
        return hidden;
    }

    /**
     * The safety net for {@link SecretKeys}: whatever a constructor or the binder wrote, a problem on a secret
     * key keeps no quoted or "got" value, and no problem anywhere contains the text of a secret value or of a
     * URL's credentials.
     */
    static List<ConfigProblem> hideSecretKeys(List<ConfigProblem> problems, List<String> secretTexts) {
        List<String> longestFirst = secretTexts.stream()
                .filter(text -> text.length() >= MIN_HIDDEN_PART_LENGTH)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        List<ConfigProblem> hidden = new ArrayList<>();
        for (ConfigProblem problem : problems) {
            String message = problem.message();
            if (SecretKeys.isSecret(problem.path())) {
                String stripped = QUOTED.matcher(GOT_VALUE.matcher(message).replaceFirst("")).replaceAll("");
                if (!stripped.equals(message)) {
                    message = stripped.contains(SecretKeys.HIDDEN) ? stripped : stripped + " " + SecretKeys.HIDDEN;
                }
            }
            for (String secret : longestFirst) {
                message = replaceIgnoringCase(message, secret, "***");
            }
            hidden.add(new ConfigProblem(problem.path(), message));
        }
        return hidden;
    }

    /** The (interpolated) text of every value at a secret key, and the credentials of every URL. */
    private static List<String> secretTexts(JsonNode node, String path) {
        List<String> texts = new ArrayList<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(field ->
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

    private static String hide(String message, EnvInterpolator.Interpolated value, int minWholeLength,
            int minPartLength) {
        String result = value.value().length() >= minWholeLength
                ? replaceIgnoringCase(message, value.value(), value.reference())
                : message;
        // The value may have been normalised (e.g. by URI parsing): hide each substituted variable too.
        List<String> parts = new ArrayList<>(value.substitutedValues());
        parts.sort(Comparator.comparingInt(String::length).reversed());
        for (String part : parts) {
            if (part.length() >= minPartLength) {
                result = replaceIgnoringCase(result, part, "(hidden)");
            }
        }
        return result;
    }

    /** Case-insensitive because constructors may normalise case (e.g. a log level). */
    private static String replaceIgnoringCase(String text, String target, String replacement) {
        return Pattern.compile(Pattern.quote(target), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                .matcher(text).replaceAll(Matcher.quoteReplacement(replacement));
    }

    private static String parentOf(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }
}
