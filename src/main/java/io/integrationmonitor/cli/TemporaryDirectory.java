package io.integrationmonitor.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes a directory the command created for itself; a failure is logged, never fatal (it is only clutter). */
final class TemporaryDirectory {
    private static final Logger log = LoggerFactory.getLogger(TemporaryDirectory.class);

    private TemporaryDirectory() {
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("could not remove the temporary directory {}: {}", dir, e.toString());
        }
    }
}
