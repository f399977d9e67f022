package io.integrationmonitor.cli;

import io.integrationmonitor.detect.PollFailed;
import io.integrationmonitor.poll.ObservedResource;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The terminal rendering of a {@link HealthReport}: a Nagios-style first line, then one row per resource. */
final class HealthTable {
    private static final String FORMAT = "%-8s  %-26s  %-15s  %-32s  %-12s  %-14s  %-7s  %s%n";

    private final HealthReport report;
    private final Instant now;

    HealthTable(HealthReport report, Instant now) {
        this.report = report;
        this.now = now;
    }

    void print(PrintWriter out) {
        out.println("INTEGRATIONS " + report.level().name() + " - " + summary());
        for (PollFailed f : report.failedPolls()) {
            out.printf("UNKNOWN   could not poll %s in %s/%s: %s: %s%n", f.target().source().label(),
                    f.target().accountId(), f.target().region(), f.reason().label(), f.message());
        }
        if (report.rows().isEmpty()) {
            return;
        }
        out.printf(FORMAT, "LEVEL", "KIND", "STATUS", "NAME", "ACCOUNT", "REGION", "SINCE", "DETAIL");
        for (HealthReport.Row row : report.rows()) {
            ObservedResource r = row.resource().resource();
            String detail = row.reason();
            if (!r.errors().isEmpty()) {
                String errors = r.errors().stream().map(Object::toString).collect(Collectors.joining("; "));
                detail = detail.isEmpty() ? errors : detail + ": " + errors;
            }
            out.printf(FORMAT, row.level().name(), r.kind().label(), r.status(), r.name(), r.accountId(), r.region(),
                    Durations.human(Duration.between(row.resource().statusSince(), now)), oneLine(detail));
        }
    }

    private String summary() {
        Map<HealthReport.Level, Long> counts = new TreeMap<>(report.rows().stream()
                .collect(Collectors.groupingBy(HealthReport.Row::level, Collectors.counting())));
        String resources = report.rows().isEmpty() ? "no resources"
                : counts.entrySet().stream()
                        .sorted((a, b) -> b.getKey().compareTo(a.getKey()))
                        .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(java.util.Locale.ROOT))
                        .collect(Collectors.joining(", "));
        int failed = report.failedPolls().size();
        return resources + (failed == 0 ? "" : "; " + failed + " source(s) could not be polled");
    }

    private static String oneLine(String s) {
        String flat = s.replaceAll("\\s+", " ").trim();
        return flat.length() > 200 ? flat.substring(0, 197) + "..." : flat;
    }
}
