package io.integrationmonitor.detect;

import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.Source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which listing owns an integration that several list: the one rule behind "told once". One ARN can be
 * reported by several poll targets (an Aurora → Redshift integration by RDS {@code DescribeIntegrations} and by
 * Redshift {@code DescribeInboundIntegrations}; a Glue integration by Glue's two listings; a cross-account
 * integration by the source account's and the target account's). Its <em>owner</em> is a primary listing
 * (the integration's own service's {@code DescribeIntegrations}) before any inbound one, ties broken by a fixed
 * source order, then by target key: deterministic, and the same on every replica. The owner's view is the one
 * shown, its kind the one its alerts carry; the others are listed beside it.
 */
public final class Listings {
    /** Primary listings first, then inbound ones; each in a fixed order. */
    private static final List<Source> RANK = List.of(
            Source.GLUE_INTEGRATIONS, Source.RDS_INTEGRATIONS, Source.REDSHIFT_INTEGRATIONS,
            Source.APPINTEGRATIONS_ASSOCIATIONS,
            Source.GLUE_INBOUND_INTEGRATIONS, Source.REDSHIFT_INBOUND_INTEGRATIONS);

    /** Poll target keys, best owner first ({@link PollTarget#key()}: {@code source/account/region}). */
    public static final Comparator<String> OWNER_FIRST =
            Comparator.comparingInt(Listings::rankOfTargetKey).thenComparing(Comparator.naturalOrder());

    private Listings() {
    }

    /** Whether a source lists integrations from their target's side (a second view of an integration). */
    public static boolean isInbound(Source source) {
        return source == Source.GLUE_INBOUND_INTEGRATIONS || source == Source.REDSHIFT_INBOUND_INTEGRATIONS;
    }

    /** Whether the target {@code a} owns an ARN it lists together with {@code b} (distinct targets). */
    public static boolean outranks(String a, String b) {
        return OWNER_FIRST.compare(a, b) < 0;
    }

    /** Whether {@code targetKey} owns an ARN that {@code others} list too. */
    public static boolean owns(String targetKey, Iterable<String> others) {
        for (String other : others) {
            if (!other.equals(targetKey) && !outranks(targetKey, other)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The resources grouped by ARN, one {@link Listed} per integration, in the order each ARN first appears.
     * A resource's listing is the target that reports it: its kind's source, in its account and region.
     */
    public static List<Listed> group(List<KnownResource> resources) {
        Map<String, List<KnownResource>> byArn = new LinkedHashMap<>();
        for (KnownResource r : resources) {
            byArn.computeIfAbsent(r.arn(), arn -> new ArrayList<>()).add(r);
        }
        List<Listed> grouped = new ArrayList<>(byArn.size());
        for (List<KnownResource> views : byArn.values()) {
            views.sort(Comparator.comparing(Listings::targetKeyOf, OWNER_FIRST));
            grouped.add(new Listed(views));
        }
        return grouped;
    }

    /** The key of the target that reported a resource. */
    static String targetKeyOf(KnownResource r) {
        return new PollTarget(Source.of(r.resource().kind()), r.resource().accountId(), r.resource().region()).key();
    }

    private static int rankOfTargetKey(String targetKey) {
        int slash = targetKey.indexOf('/');
        String label = slash < 0 ? targetKey : targetKey.substring(0, slash);
        for (int i = 0; i < RANK.size(); i++) {
            if (RANK.get(i).label().equals(label)) {
                return i;
            }
        }
        return RANK.size(); // a source this version does not know: last
    }

    /**
     * One integration as every listing that reports its ARN shows it.
     *
     * @param views each listing's view, the owner's first
     */
    public record Listed(List<KnownResource> views) {
        public Listed {
            views = List.copyOf(views);
            if (views.isEmpty()) {
                throw new IllegalArgumentException("an integration is listed at least once");
            }
        }

        /** The owner's view: what is shown and judged. */
        public KnownResource owner() {
            return views.get(0);
        }

        /** The sources that list it, the owner's first ({@code rds_integrations, redshift_inbound_integrations}). */
        public List<String> listings() {
            return views.stream().map(v -> Source.of(v.resource().kind()).label()).distinct().toList();
        }
    }
}
