package io.integrationmonitor.poll;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a raw AWS status onto its kind's closed status set. A value the set does not know (a status AWS
 * added later) becomes {@link ResourceKind.Statuses#UNKNOWN}, logged once per kind and value.
 */
final class StatusNormalizer {
    private static final Logger LOG = LoggerFactory.getLogger(StatusNormalizer.class);
    // Bounds the memory a misbehaving endpoint inventing statuses could take.
    private static final int MAX_REMEMBERED = 100;

    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    String normalize(ResourceKind kind, String raw) {
        if (raw != null && kind.statuses().contains(raw) && !ResourceKind.Statuses.UNKNOWN.equals(raw)) {
            return raw;
        }
        String key = kind.label() + "/" + raw;
        if (reported.size() < MAX_REMEMBERED && reported.add(key)) {
            LOG.warn("Unrecognised {} status '{}': reported as {}", kind.label(), abbreviate(raw),
                    ResourceKind.Statuses.UNKNOWN);
        }
        return ResourceKind.Statuses.UNKNOWN;
    }

    private static String abbreviate(String raw) {
        return raw.length() <= 64 ? raw : raw.substring(0, 64) + "...";
    }
}
