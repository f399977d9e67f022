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
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the YAML configuration into a {@link MonitorConfig}: strict (unknown keys and wrong types are errors),
 * {@code ${ENV}} interpolation in values, and every problem reported at once in a {@link ConfigException}.
 * An empty document means all defaults.
 */
public final class ConfigLoader {
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
        return ConfigBinding.bind(tree, rootType, "", sourceName, interpolator);
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
        YAMLMapper mapper = ConfigMapper.MAPPER;
        try (JsonParser parser = mapper.createParser(yaml)) {
            JsonNode tree = mapper.readTree(parser);
            if (parser.nextToken() != null) {
                throw syntaxProblem(sourceName, "only one YAML document is allowed (found a second '---')",
                        parser.currentLocation().getLineNr(), parser.currentLocation().getColumnNr());
            }
            // An empty (or comments-only, or "~") document means: all defaults.
            return tree == null || tree.isMissingNode() || tree.isNull() ? mapper.createObjectNode() : tree;
        } catch (JsonProcessingException e) {
            throw syntaxProblem(sourceName, e);
        } catch (IOException e) {
            throw new ConfigException(sourceName, List.of(new ConfigProblem("", "cannot read: " + e.getMessage())));
        }
    }

    /**
     * SnakeYAML's own mark is where the problem is (a tab starts the line after the last good token, where
     * Jackson's location stays); its problem text says what is wrong, where its first line only gives context.
     */
    private static ConfigException syntaxProblem(String sourceName, JsonProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                String problem = marked.getProblem() == null ? marked.getContext() : marked.getProblem();
                return syntaxProblem(sourceName, "invalid YAML: " + problem,
                        marked.getProblemMark().getLine() + 1, marked.getProblemMark().getColumn() + 1);
            }
        }
        String reason = e.getOriginalMessage().lines().findFirst().orElse("").strip();
        JsonLocation location = e.getLocation();
        return syntaxProblem(sourceName, "invalid YAML: " + reason,
                location == null ? 0 : location.getLineNr(), location == null ? 0 : location.getColumnNr());
    }

    private static ConfigException syntaxProblem(String sourceName, String message, int line, int column) {
        String where = line < 1 ? "" : " (line " + line + ", column " + column + ")";
        return new ConfigException(sourceName, List.of(new ConfigProblem("", message + where)));
    }
}
