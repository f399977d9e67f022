package io.integrationmonitor.poll;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a raw AWS status onto its kind's closed status set. A value the set does not know (a status AWS
 * added later) becomes {@link ResourceStatus#UNKNOWN}, logged once per kind and value.
 */
final class StatusNormalizer {
    private static final Logger log = LoggerFactory.getLogger(StatusNormalizer.class);
    // Bounds the memory a misbehaving endpoint inventing statuses could take.
    private static final int MAX_REMEMBERED = 100;

    /** How an API spells its statuses. */
    enum Spelling {
        /** Glue and AppIntegrations: exactly the labels ({@code NEEDS_ATTENTION}); {@code active} is unknown. */
        AS_LABELS,
        /** RDS and Redshift: the labels in lower case ({@code needs_attention}); {@code ACTIVE} is unknown. */
        LOWER_CASE;

        String label(String raw) {
            return switch (this) {
                case AS_LABELS -> raw;
                case LOWER_CASE -> raw.equals(raw.toLowerCase(Locale.ROOT)) ? raw.toUpperCase(Locale.ROOT) : null;
            };
        }
    }

    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /** A status as Glue and AppIntegrations spell it. */
    ResourceStatus normalize(ResourceKind kind, String raw) {
        return normalize(kind, raw, Spelling.AS_LABELS);
    }

    ResourceStatus normalize(ResourceKind kind, String raw, Spelling spelling) {
        String label = raw == null ? null : spelling.label(raw);
        ResourceStatus status = ResourceStatus.ofLabel(label);
        if (status != ResourceStatus.UNKNOWN && kind.statuses().contains(status)) {
            return status;
        }
        String key = kind.label() + "/" + raw;
        if (reported.size() < MAX_REMEMBERED && reported.add(key)) {
            log.warn("unrecognised {} status '{}': reported as {}", kind.label(), abbreviate(raw),
                    ResourceStatus.UNKNOWN.label());
        }
        return ResourceStatus.UNKNOWN;
    }

    private static String abbreviate(String raw) {
        return raw == null ? "null" : raw.length() <= 64 ? raw : raw.substring(0, 64) + "...";
    }
}
