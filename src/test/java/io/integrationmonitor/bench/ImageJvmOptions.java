package io.integrationmonitor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The monitor JVM's options as the image ships them: the flags of deploy/Dockerfile's ENTRYPOINT (one definition),
 * {@code -XX:MaxRAM} set to the Kubernetes memory limit so that {@code MaxRAMPercentage} means what it means in the
 * container, and native memory tracking for the breakdown. Fails loudly when either file cannot be read as expected.
 */
final class ImageJvmOptions {
    static final Path DOCKERFILE = Path.of("deploy/Dockerfile");
    static final Path DEPLOYMENT = Path.of("deploy/kubernetes/base/deployment.yaml");
    private static final Pattern QUANTITY = Pattern.compile("(\\d+)(Ki|Mi|Gi|K|M|G|k)?");

    private ImageJvmOptions() {
    }

    /** {@code memoryLimit}: a Kubernetes quantity overriding the deployment's limit, or null. */
    static List<String> load(String memoryLimit) {
        String limit = memoryLimit != null ? memoryLimit : memoryLimit(read(DEPLOYMENT));
        return withContainerLimit(entrypointJvmFlags(read(DOCKERFILE)), limitBytes(limit));
    }

    static List<String> withContainerLimit(List<String> flags, long limitBytes) {
        List<String> out = new ArrayList<>(flags);
        out.add("-XX:MaxRAM=" + limitBytes / 1024 / 1024 + "m");
        out.add("-XX:NativeMemoryTracking=summary");
        return List.copyOf(out);
    }

    /** The arguments between {@code java} and {@code -jar} of the exec-form ENTRYPOINT (continuation lines joined). */
    static List<String> entrypointJvmFlags(String dockerfile) {
        String joined = joinContinuationLines(dockerfile);
        String entrypoint = joined.lines().map(String::trim).filter(l -> l.startsWith("ENTRYPOINT")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("no ENTRYPOINT in " + DOCKERFILE));
        String array = entrypoint.substring("ENTRYPOINT".length()).trim();
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(array);
        } catch (IOException e) {
            throw new IllegalStateException("ENTRYPOINT of " + DOCKERFILE + " is not a JSON (exec form) array: " + array, e);
        }
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new IllegalStateException("ENTRYPOINT of " + DOCKERFILE + " is not an exec-form array: " + array);
        }
        List<String> args = new ArrayList<>();
        node.forEach(n -> args.add(n.asText()));
        if (!args.get(0).equals("java") && !args.get(0).endsWith("/java")) {
            throw new IllegalStateException("ENTRYPOINT of " + DOCKERFILE + " does not start with java: " + args);
        }
        int jar = args.indexOf("-jar");
        if (jar < 0) {
            throw new IllegalStateException("ENTRYPOINT of " + DOCKERFILE + " has no -jar: " + args);
        }
        return List.copyOf(args.subList(1, jar));
    }

    /** The first container's {@code resources.limits.memory} of the Deployment. */
    static String memoryLimit(String deploymentYaml) {
        JsonNode limit;
        try {
            limit = new ObjectMapper(new YAMLFactory()).readTree(deploymentYaml)
                    .at("/spec/template/spec/containers/0/resources/limits/memory");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEPLOYMENT + " as YAML", e);
        }
        if (limit.isMissingNode() || limit.asText().isBlank()) {
            throw new IllegalStateException("no spec.template.spec.containers[0].resources.limits.memory in " + DEPLOYMENT);
        }
        return limit.asText();
    }

    /**
     * The {@code ENV} variables of the Dockerfile's last stage (the runtime image), {@code ENV KEY=value ...}
     * form: the monitor process gets them as the container does (the malloc settings). Fails loudly on the
     * legacy {@code ENV KEY value} form or a quoted value, which this reader does not parse.
     */
    static Map<String, String> environment(String dockerfile) {
        String joined = joinContinuationLines(dockerfile);
        List<String> lines = joined.lines().map(String::trim).toList();
        int lastFrom = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("FROM ")) {
                lastFrom = i;
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : lines.subList(lastFrom, lines.size())) {
            if (!line.startsWith("ENV ")) {
                continue;
            }
            for (String pair : line.substring(4).trim().split("\\s+")) {
                int eq = pair.indexOf('=');
                if (eq <= 0 || pair.contains("\"") || pair.contains("'")) {
                    throw new IllegalStateException("ENV of " + DOCKERFILE + " is not KEY=value pairs without quotes: "
                            + line);
                }
                env.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return Map.copyOf(env);
    }

    /** The runtime image's {@link #environment} of the repository's Dockerfile. */
    static Map<String, String> loadEnvironment() {
        return environment(read(DOCKERFILE));
    }

    /** A Kubernetes memory quantity in bytes: {@code 512Mi}, {@code 1Gi}, {@code 500M}, or plain bytes. */
    static long limitBytes(String quantity) {
        Matcher m = QUANTITY.matcher(quantity.trim());
        if (!m.matches()) {
            throw new IllegalStateException("not a memory quantity: '" + quantity + "' (e.g. 512Mi)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        return switch (unit) {
            case "" -> n;
            case "Ki" -> n * 1024;
            case "Mi" -> n * 1024 * 1024;
            case "Gi" -> n * 1024 * 1024 * 1024;
            case "k", "K" -> n * 1000;
            case "M" -> n * 1000_000;
            case "G" -> n * 1000_000_000;
            default -> throw new IllegalStateException("unknown unit " + unit.toLowerCase(Locale.ROOT));
        };
    }

    private static String joinContinuationLines(String dockerfile) {
        return dockerfile.replaceAll("\\\\\\r?\\n", " ");
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path.toAbsolutePath() + " (the harness runs from the project root)", e);
        }
    }
}
