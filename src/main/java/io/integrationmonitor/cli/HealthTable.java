package io.integrationmonitor.cli;

import io.integrationmonitor.detect.PollFailed;
import io.integrationmonitor.detect.PollNotPermitted;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.text.DurationText;
import io.integrationmonitor.text.InertText;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The terminal rendering of a {@link HealthReport}: a Nagios-style first line, then one row per resource. */
final class HealthTable {
    private static final int MAX_DETAIL = 160;

    private final HealthReport report;
    private final Instant now;
    private final boolean showSince;

    /**
     * @param showSince whether the status ages mean something (state kept across runs)
     */
    HealthTable(HealthReport report, Instant now, boolean showSince) {
        this.report = report;
        this.now = now;
        this.showSince = showSince;
    }

    void print(PrintWriter out) {
        out.println("INTEGRATIONS " + report.level().name() + " - " + summary());
        for (PollFailed f : report.failedPolls()) {
            out.printf("UNKNOWN   could not poll %s in %s/%s: %s: %s%n", f.target().source().label(),
                    f.target().accountId(), f.target().region(), f.reason().label(), inert(f.message()));
        }
        for (PollNotPermitted n : report.notPermitted()) {
            out.printf("UNKNOWN   not permitted: %s (%s in %s/%s: %s)%n", inert(n.grant()),
                    n.target().source().label(), n.target().accountId(), n.target().region(), inert(n.message()));
        }
        report.freshness().lines().forEach(out::println);
        if (report.rows().isEmpty()) {
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(showSince
                ? new String[] {"LEVEL", "KIND", "STATUS", "NAME", "ACCOUNT", "REGION", "SINCE", "DETAIL"}
                : new String[] {"LEVEL", "KIND", "STATUS", "NAME", "ACCOUNT", "REGION", "DETAIL"});
        for (HealthReport.Row row : report.rows()) {
            ObservedResource r = row.resource().resource();
            String detail = row.reason();
            if (!r.errors().isEmpty()) {
                String errors = r.errors().stream().map(Object::toString).collect(Collectors.joining("; "));
                detail = detail.isEmpty() ? errors : detail + ": " + errors;
            }
            if (row.listings().size() > 1) {
                String listed = "listed by " + String.join(", ", row.listings());
                detail = detail.isEmpty() ? listed : detail + " (" + listed + ")";
            }
            String since = DurationText.human(Duration.between(row.resource().statusSince(), now));
            rows.add(showSince
                    ? new String[] {row.level().name(), r.kind().label(), inert(r.status().label()), inert(r.name()),
                        r.accountId(), r.region(), since, oneLine(detail)}
                    : new String[] {row.level().name(), r.kind().label(), inert(r.status().label()), inert(r.name()),
                        r.accountId(), r.region(), oneLine(detail)});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length - 1; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length - 1; i++) {
                line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            line.append(row[row.length - 1]);
            out.println(line.toString().stripTrailing());
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
        int notPermitted = report.notPermitted().size();
        return resources + (failed == 0 ? "" : "; " + failed + " source(s) could not be polled")
                + (notPermitted == 0 ? "" : "; " + notPermitted + " source(s) not permitted")
                + report.freshness().summary();
    }

    /** Names and statuses come from AWS: a line break or bidi control must not break the table. */
    private static String inert(String s) {
        return InertText.escape(s);
    }

    private static String oneLine(String s) {
        String flat = InertText.escape(s.replaceAll("\\s+", " ").trim());
        return flat.length() > MAX_DETAIL ? flat.substring(0, MAX_DETAIL - 3) + "..." : flat;
    }
}
