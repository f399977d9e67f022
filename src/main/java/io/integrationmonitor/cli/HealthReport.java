package io.integrationmonitor.cli;

import io.integrationmonitor.config.StuckConfig;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.PollFailed;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.text.DurationText;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The health of everything one {@code once} run saw, in the Nagios plugin convention. CRITICAL outranks
 * UNKNOWN (a known failure matters more than a source we could not read), UNKNOWN outranks WARNING.
 */
record HealthReport(Level level, List<Row> rows, List<PollFailed> failedPolls) {

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

    /** One resource with its verdict and why. */
    record Row(KnownResource resource, Level level, String reason) {
    }

    static HealthReport evaluate(List<KnownResource> resources, List<PollFailed> failedPolls, StuckConfig stuck,
                                 Instant now) {
        List<Row> rows = new ArrayList<>();
        Level overall = failedPolls.isEmpty() ? Level.OK : Level.UNKNOWN;
        for (KnownResource r : resources) {
            Row row = judge(r, stuck, now);
            rows.add(row);
            overall = overall.worse(row.level());
        }
        rows.sort(Comparator.comparing((Row row) -> -row.level().ordinal())
                .thenComparing(row -> row.resource().resource().kind())
                .thenComparing(row -> row.resource().resource().name()));
        return new HealthReport(overall, List.copyOf(rows), List.copyOf(failedPolls));
    }

    private static Row judge(KnownResource known, StuckConfig stuck, Instant now) {
        String status = known.status();
        ResourceKind kind = known.resource().kind();
        if (status.equals(ResourceKind.Statuses.FAILED)) {
            return new Row(known, Level.CRITICAL, kind.isGlue() ? "integration FAILED" : "last execution FAILED");
        }
        if (status.equals(ResourceKind.Statuses.NEEDS_ATTENTION)) {
            return new Row(known, Level.WARNING, "NEEDS_ATTENTION");
        }
        Duration threshold = stuck.thresholdFor(status).orElse(null);
        if (threshold != null) {
            // The observed status age; for CREATING the creation time is a better lower bound when known.
            Instant since = known.statusSince();
            Instant created = known.resource().createdAt();
            if (status.equals(ResourceKind.Statuses.CREATING) && created != null && created.isBefore(since)) {
                since = created;
            }
            Duration age = Duration.between(since, now);
            if (age.compareTo(threshold) >= 0) {
                return new Row(known, Level.WARNING, status + " for " + DurationText.human(age) + " (threshold "
                        + DurationText.human(threshold) + ")");
            }
        }
        if (status.equals(ResourceKind.Statuses.UNKNOWN)) {
            return new Row(known, Level.WARNING, "status not known to this version");
        }
        return new Row(known, Level.OK, "");
    }
}
