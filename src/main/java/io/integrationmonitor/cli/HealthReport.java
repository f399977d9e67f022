package io.integrationmonitor.cli;

import io.integrationmonitor.config.StuckConfig;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.Listings;
import io.integrationmonitor.detect.PollFailed;
import io.integrationmonitor.detect.PollNotPermitted;
import io.integrationmonitor.detect.ResourceHealth;
import io.integrationmonitor.poll.ResourceStatus;
import io.integrationmonitor.poll.Source;
import io.integrationmonitor.text.DurationText;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The health of everything one {@code once} run saw, in the Nagios plugin convention: each resource's
 * {@link ResourceHealth} verdict as a level, once per integration however many listings report it. CRITICAL
 * outranks UNKNOWN (a known failure matters more than a source we could not read), UNKNOWN outranks WARNING. A
 * source whose API refuses the monitor (not permitted) is UNKNOWN like one that could not be polled: its
 * resources are not known. Freshness ({@link FreshnessReport}) adds its findings' levels: stale and lagging WARNING,
 * tables failing CRITICAL, a failed freshness poll UNKNOWN; a refused one is a note.
 */
record HealthReport(Level level, List<Row> rows, List<PollFailed> failedPolls, List<PollNotPermitted> notPermitted,
                    FreshnessReport freshness) {

    HealthReport {
        rows = List.copyOf(rows);
        failedPolls = List.copyOf(failedPolls);
        notPermitted = List.copyOf(notPermitted);
        freshness = freshness == null ? FreshnessReport.NONE : freshness;
    }

    HealthReport(Level level, List<Row> rows, List<PollFailed> failedPolls, List<PollNotPermitted> notPermitted) {
        this(level, rows, failedPolls, notPermitted, FreshnessReport.NONE);
    }

    HealthReport(Level level, List<Row> rows, List<PollFailed> failedPolls) {
        this(level, rows, failedPolls, List.of());
    }

    /** This report with the freshness polls' findings: the level is the worse of the two (Nagios: worst wins). */
    HealthReport withFreshness(FreshnessReport freshness) {
        return new HealthReport(level.worse(freshness.level()), rows, failedPolls, notPermitted, freshness);
    }

    enum Level {
        OK(0), WARNING(1), UNKNOWN(3), CRITICAL(2);

        final int exitCode;

        Level(int exitCode) {
            this.exitCode = exitCode;
        }

        Level worse(Level other) {
            return other.ordinal() > ordinal() ? other : this;
        }
    }

    /**
     * One resource with its verdict and why.
     *
     * @param listings the sources that list it ({@link Listings}), the owner's first: an integration several
     *                 list is one row, judged by its owner's view
     */
    record Row(KnownResource resource, Level level, String reason, List<String> listings) {
        Row {
            listings = List.copyOf(listings);
        }

        /** A resource as only its own source lists it. */
        Row(KnownResource resource, Level level, String reason) {
            this(resource, level, reason, List.of(Source.of(resource.resource().kind()).label()));
        }
    }

    static HealthReport evaluate(List<KnownResource> resources, List<PollFailed> failedPolls, StuckConfig stuck,
                                 Instant now) {
        return evaluate(resources, failedPolls, List.of(), stuck, now);
    }

    static HealthReport evaluate(List<KnownResource> resources, List<PollFailed> failedPolls,
                                 List<PollNotPermitted> notPermitted, StuckConfig stuck, Instant now) {
        List<Row> rows = new ArrayList<>();
        Level overall = failedPolls.isEmpty() && notPermitted.isEmpty() ? Level.OK : Level.UNKNOWN;
        for (Listings.Listed integration : Listings.group(resources)) {
            Row judged = judge(integration.owner(), stuck, now);
            Row row = new Row(judged.resource(), judged.level(), judged.reason(), integration.listings());
            rows.add(row);
            overall = overall.worse(row.level());
        }
        rows.sort(Comparator.comparing((Row row) -> -row.level().ordinal())
                .thenComparing(row -> row.resource().resource().kind())
                .thenComparing(row -> row.resource().resource().name()));
        return new HealthReport(overall, List.copyOf(rows), List.copyOf(failedPolls), List.copyOf(notPermitted));
    }

    /** The resource's {@link ResourceHealth} verdict as a Nagios level, with the reason an operator reads. */
    private static Row judge(KnownResource known, StuckConfig stuck, Instant now) {
        ResourceStatus status = known.status();
        return switch (ResourceHealth.of(known)) {
            case UNHEALTHY -> status == ResourceStatus.FAILED
                    ? new Row(known, Level.CRITICAL, known.resource().kind().isIntegration()
                            ? "integration FAILED" : "last execution FAILED")
                    : new Row(known, Level.WARNING, status.label());
            case STUCK -> new Row(known, Level.WARNING, status.label() + " for "
                    + DurationText.human(known.statusAge(now)) + stuck.thresholdFor(status.label())
                            .map(threshold -> " (threshold " + DurationText.human(threshold) + ")").orElse(""));
            case UNKNOWN -> new Row(known, Level.WARNING, "status not known to this version");
            case HEALTHY, TRANSIENT -> new Row(known, Level.OK, "");
        };
    }
}
