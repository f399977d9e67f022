package io.integrationmonitor.metrics;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The pre-rendered families of one process, by name; {@link CombinedExposition} writes them. */
final class RenderedExposition {
    private final Map<String, RenderedFamily> families = new ConcurrentHashMap<>();
    private final AtomicLong versions = new AtomicLong();

    /** The family of this name, created on first use; a name is one family, of one type and help. */
    RenderedFamily family(String name, RenderedFamily.Type type, String help) {
        RenderedFamily family = families.computeIfAbsent(name, n -> new RenderedFamily(n, type, help));
        if (family.type() != type) {
            throw new IllegalArgumentException("metric family " + name + " is already a " + family.type());
        }
        return family;
    }

    /** A version no block has had yet: the key of cached merged runs. */
    long nextVersion() {
        return versions.incrementAndGet();
    }

    /** Sorted as client_java sorts families. */
    List<RenderedFamily> families() {
        return families.values().stream().sorted(Comparator.comparing(RenderedFamily::sortName)).toList();
    }
}
