package io.integrationmonitor.freshness;

import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;
import io.integrationmonitor.poll.Source;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The integrations whose freshness is asked of CloudWatch: the ACTIVE zero-ETL integrations the status polls
 * know in one (account, region), one per ARN. When several listings report one ARN (an RDS integration also in
 * Redshift's inbound listing, a Glue one in Glue's inbound listing of the same account) the owner's outbound
 * listing speaks for it, ACTIVE or not: its status and tags are the integration's own. An ARN that is no
 * integration ARN of a known partition and service is never asked about (it could not be a safe query either).
 */
public final class WatchedIntegrations {
    /** Glue's {@code RefreshInterval}: whole minutes (15 to 8640 documented), stored as AWS sent it. */
    private static final Pattern MINUTES = Pattern.compile("[0-9]{1,6}");

    private final Supplier<List<KnownResource>> known;

    /** @param known every resource the status polls know now (the shared state), any account and region */
    public WatchedIntegrations(Supplier<List<KnownResource>> known) {
        this.known = Objects.requireNonNull(known, "known");
    }

    /** The watched integrations of one account and region, sorted by ARN. */
    public List<WatchedIntegration> in(String accountId, String region) {
        Map<String, KnownResource> byArn = new TreeMap<>();
        for (KnownResource k : known.get()) {
            ObservedResource r = k.resource();
            if (r.kind().isIntegration() && r.accountId().equals(accountId) && r.region().equals(region)) {
                byArn.merge(r.arn(), k, WatchedIntegrations::preferred);
            }
        }
        return byArn.values().stream()
                .filter(k -> k.status() == ResourceStatus.ACTIVE)
                .map(WatchedIntegrations::watched)
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(WatchedIntegration::arn))
                .toList();
    }

    /** The owner's outbound listing wins over an inbound one; between equals, the kind's order decides. */
    private static KnownResource preferred(KnownResource a, KnownResource b) {
        int rankA = rank(a.resource().kind());
        int rankB = rank(b.resource().kind());
        if (rankA != rankB) {
            return rankA < rankB ? a : b;
        }
        return a.resource().kind().ordinal() <= b.resource().kind().ordinal() ? a : b;
    }

    private static int rank(ResourceKind kind) {
        return kind == ResourceKind.GLUE_INBOUND_INTEGRATION || kind == ResourceKind.REDSHIFT_INBOUND_INTEGRATION
                ? 1 : 0;
    }

    private static Optional<WatchedIntegration> watched(KnownResource k) {
        ObservedResource r = k.resource();
        return sourceOf(r.arn()).map(source -> new WatchedIntegration(r.arn(), lastSegment(r.arn()), r.name(),
                r.kind(), r.accountId(), r.region(), source,
                refreshInterval(r.attribute(ObservedResource.Attributes.REFRESH_INTERVAL)), r.tags(),
                k.statusSince()));
    }

    /**
     * Glue-owned ARNs by Glue's metrics; RDS- and Redshift-owned ones by Redshift's. Empty for an ARN the poll
     * package does not accept as an integration ARN (its ARN pattern admits no quote, backslash or space).
     */
    static Optional<MetricSource> sourceOf(String arn) {
        Set<Source> listings = Source.listingIntegration(arn);
        if (listings.contains(Source.GLUE_INTEGRATIONS)) {
            return Optional.of(MetricSource.GLUE);
        }
        if (listings.contains(Source.RDS_INTEGRATIONS) || listings.contains(Source.REDSHIFT_INTEGRATIONS)) {
            return Optional.of(MetricSource.REDSHIFT);
        }
        return Optional.empty();
    }

    static String lastSegment(String arn) {
        int cut = Math.max(arn.lastIndexOf(':'), arn.lastIndexOf('/'));
        return arn.substring(cut + 1);
    }

    /** The stored {@code RefreshInterval} (minutes) as a duration; null when absent, unparseable or zero. */
    static Duration refreshInterval(String stored) {
        String s = stored == null ? "" : stored.strip();
        if (!MINUTES.matcher(s).matches()) {
            return null;
        }
        long minutes = Long.parseLong(s);
        return minutes == 0 ? null : Duration.ofMinutes(minutes);
    }
}
