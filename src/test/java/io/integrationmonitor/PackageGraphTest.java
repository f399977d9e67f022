package io.integrationmonitor;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package graph of {@code src/main/java} stays acyclic, with {@code config} at its bottom. Read from the
 * sources: every {@code io.integrationmonitor.<package>.<Type>} a file names (imports, qualified names, even
 * class names in strings) is a dependency of its package. Plain Java rather than ArchUnit: one rule does not
 * earn a dependency.
 */
class PackageGraphTest {
    private static final String ROOT = "io.integrationmonitor";
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("io\\.integrationmonitor((?:\\.[a-z]\\w*)*)\\.[A-Z]");

    @Test
    void theMainPackagesHaveNoCycle() {
        Map<String, Set<String>> graph = graphOf(Path.of("src/main/java"));

        assertThat(graph).as("packages read").containsKeys(ROOT + ".detect", ROOT + ".state", ROOT + ".pipeline");
        assertThat(cycleIn(graph)).as("a package cycle").isEmpty();
    }

    @Test
    void detectNeverDependsOnStateAndScheduleOnlyOnThePipeline() {
        Map<String, Set<String>> graph = graphOf(Path.of("src/main/java"));

        assertThat(graph.get(ROOT + ".detect")).doesNotContain(ROOT + ".state", ROOT + ".pipeline");
        assertThat(graph.get(ROOT + ".schedule")).doesNotContain(ROOT + ".detect", ROOT + ".poll");
    }

    @Test
    void configIsTheBottomOfTheGraph() {
        Map<String, Set<String>> graph = graphOf(Path.of("src/main/java"));

        assertThat(graph.getOrDefault(ROOT + ".config", Set.of())).as("packages config depends on").isEmpty();
    }

    @Test
    void theCycleFinderFindsACycle() {
        Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"),
                "d", Set.of());

        assertThat(cycleIn(graph)).contains(List.of("a", "b", "c", "a"));
        assertThat(cycleIn(Map.of("a", Set.of("b"), "b", Set.of()))).isEmpty();
    }

    /** Package → the packages of this project it names, from every Java file under {@code sources}. */
    static Map<String, Set<String>> graphOf(Path sources) {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher declared = PACKAGE.matcher(text);
                if (!declared.find()) {
                    continue;
                }
                String pkg = declared.group(1);
                Set<String> targets = graph.computeIfAbsent(pkg, p -> new TreeSet<>());
                Matcher reference = REFERENCE.matcher(text);
                while (reference.find()) {
                    String target = ROOT + reference.group(1);
                    if (!target.equals(pkg)) {
                        targets.add(target);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /** One cycle of the graph as a path that ends where it starts, if there is any. */
    static Optional<List<String>> cycleIn(Map<String, Set<String>> graph) {
        Set<String> done = new TreeSet<>();
        for (String start : new TreeSet<>(graph.keySet())) {
            Optional<List<String>> cycle = cycleFrom(start, graph, new ArrayDeque<>(), done);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> cycleFrom(String node, Map<String, Set<String>> graph, Deque<String> path,
                                                    Set<String> done) {
        if (path.contains(node)) {
            List<String> cycle = new ArrayList<>();
            List<String> walked = new ArrayList<>(path);
            Collections.reverse(walked);
            cycle.addAll(walked.subList(walked.indexOf(node), walked.size()));
            cycle.add(node);
            return Optional.of(cycle);
        }
        if (done.contains(node)) {
            return Optional.empty();
        }
        path.push(node);
        for (String next : new TreeSet<>(graph.getOrDefault(node, Set.of()))) {
            Optional<List<String>> cycle = cycleFrom(next, graph, path, done);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        path.pop();
        done.add(node);
        return Optional.empty();
    }
}
