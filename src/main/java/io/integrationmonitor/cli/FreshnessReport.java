package io.integrationmonitor.cli;

import io.integrationmonitor.cli.HealthReport.Level;
import io.integrationmonitor.freshness.FreshnessFinding;
import io.integrationmonitor.freshness.FreshnessPollResult;
import io.integrationmonitor.freshness.WatchedIntegration;
import io.integrationmonitor.text.InertText;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code once} says of freshness (issue #14), from the freshness polls' results: stale and lagging are
 * WARNING, tables failing CRITICAL, each with its figure; a freshness poll that failed is UNKNOWN like a status
 * poll that failed. A role without {@code cloudwatch:GetMetricData} is a note that leaves the level as the
 * status polls gave it: the status polls are the health, freshness is an addition where the role allows it.
 * Pure: results in, level and lines out. AWS text (names, ARNs, table names, messages) is escaped in the lines.
 *
 * @param level   the worst level of the entries (notes are {@link Level#OK})
 * @param entries one per finding, failed poll and refused poll: CRITICAL first, notes last
 */
record FreshnessReport(Level level, List<Entry> entries) {
    /** The action a refused freshness poll lacks. */
    static final String ACTION = "cloudwatch:GetMetricData";
    /** At most this many characters of a detail on one line: AWS's table names are unbounded. */
    static final int MAX_DETAIL = 240;
    /** No freshness polls (freshness disabled). */
    static final FreshnessReport NONE = new FreshnessReport(Level.OK, List.of());

    FreshnessReport {
        entries = List.copyOf(entries);
    }

    /** What one entry is about. */
    enum Kind {
        STALE("stale"), LAGGING("lagging"), TABLES_FAILING("tables_failing"), FAILED("failed"),
        NOT_PERMITTED("not_permitted");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /**
     * One line of the report.
     *
     * @param integration the integration of a finding; null for a failed or refused poll
     * @param detail      a finding's figure, a failed poll's message (AWS text, not yet escaped)
     * @param tables      a tables-failing finding's table names (AWS text)
     */
    record Entry(Level level, Kind kind, String accountId, String region, WatchedIntegration integration,
                 String detail, List<String> tables) {
        Entry {
            tables = List.copyOf(tables);
        }

        boolean isNote() {
            return kind == Kind.NOT_PERMITTED;
        }
    }

    static FreshnessReport of(List<FreshnessPollResult> results) {
        List<Entry> entries = new ArrayList<>();
        for (FreshnessPollResult result : results) {
            switch (result.outcome()) {
                case COMPLETED -> result.findings().forEach(finding -> entries.add(entry(result, finding)));
                case FAILED -> entries.add(new Entry(Level.UNKNOWN, Kind.FAILED, result.accountId(), result.region(),
                        null, result.message(), List.of()));
                case NOT_PERMITTED -> entries.add(new Entry(Level.OK, Kind.NOT_PERMITTED, result.accountId(),
                        result.region(), null, result.message(), List.of()));
            }
        }
        entries.sort(Comparator.comparing((Entry e) -> e.isNote())
                .thenComparing(e -> -e.level().ordinal())
                .thenComparing(Entry::accountId).thenComparing(Entry::region)
                .thenComparing(e -> e.integration() == null ? "" : e.integration().name())
                .thenComparing(e -> e.integration() == null ? "" : e.integration().arn())
                .thenComparing(Entry::kind));
        Level level = Level.OK;
        for (Entry entry : entries) {
            level = level.worse(entry.level());
        }
        return new FreshnessReport(level, entries);
    }

    private static Entry entry(FreshnessPollResult result, FreshnessFinding finding) {
        WatchedIntegration integration = finding.integration();
        String accountId = integration.accountId().isEmpty() ? result.accountId() : integration.accountId();
        String region = integration.region().isEmpty() ? result.region() : integration.region();
        return switch (finding.verdict()) {
            case STALE -> new Entry(Level.WARNING, Kind.STALE, accountId, region, integration, finding.detail(),
                    List.of());
            case LAGGING -> new Entry(Level.WARNING, Kind.LAGGING, accountId, region, integration, finding.detail(),
                    List.of());
            case TABLES_FAILING -> new Entry(Level.CRITICAL, Kind.TABLES_FAILING, accountId, region, integration,
                    finding.detail(), finding.tables());
        };
    }

    /** How many findings (stale, lagging, tables failing) there are. */
    long findings() {
        return entries.stream().filter(e -> e.integration() != null).count();
    }

    /** {@code ; 2 freshness finding(s); 1 freshness poll(s) failed; freshness not permitted in 1 account/region}. */
    String summary() {
        long failed = entries.stream().filter(e -> e.kind() == Kind.FAILED).count();
        long refused = entries.stream().filter(Entry::isNote).count();
        return (findings() == 0 ? "" : "; " + findings() + " freshness finding(s)")
                + (failed == 0 ? "" : "; " + failed + " freshness poll(s) failed")
                + (refused == 0 ? "" : "; freshness not permitted in " + refused + " account/region(s)");
    }

    /** One line per entry, level first as the health table's poll lines have it; AWS text escaped. */
    List<String> lines() {
        return entries.stream().map(FreshnessReport::line).toList();
    }

    private static String line(Entry e) {
        return switch (e.kind()) {
            case NOT_PERMITTED -> String.format("%-10s%s", "NOTE", "freshness: not permitted (" + ACTION
                    + ") in account " + e.accountId() + " region " + e.region()
                    + " (status polls unaffected; asked again every 10th poll)");
            case FAILED -> String.format("%-10s%s", e.level().name(), "could not poll freshness (CloudWatch "
                    + "GetMetricData) in " + e.accountId() + "/" + e.region() + ": "
                    + bounded(e.detail().isEmpty() ? "failed" : e.detail()));
            case STALE, LAGGING, TABLES_FAILING -> String.format("%-10s%s", e.level().name(),
                    headline(e.kind()) + ": " + e.integration().kind().label() + " " + inert(e.integration().name())
                            + " (" + inert(e.integration().arn()) + ") in " + e.accountId() + "/" + e.region() + ": "
                            + bounded(figure(e)));
        };
    }

    private static String headline(Kind kind) {
        return switch (kind) {
            case STALE -> "stale";
            case LAGGING -> "lagging";
            default -> "tables failing";
        };
    }

    /** The finding's figure; a tables-failing finding whose figure is empty names its tables instead. */
    private static String figure(Entry e) {
        if (!e.detail().isEmpty()) {
            return e.detail();
        }
        return e.tables().isEmpty() ? e.kind().label : "tables " + String.join(", ", e.tables());
    }

    /** The JSON of {@code once --output json}: findings, failed and refused freshness polls. AWS text as is. */
    Map<String, Object> json() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", level.name());
        doc.put("findings", entries.stream().filter(e -> e.integration() != null).map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("level", e.level().name());
            m.put("condition", e.kind().label);
            m.put("kind", e.integration().kind().label());
            m.put("name", e.integration().name());
            m.put("arn", e.integration().arn());
            m.put("account_id", e.accountId());
            m.put("region", e.region());
            m.put("detail", e.detail());
            m.put("tables", e.tables());
            return m;
        }).toList());
        doc.put("failed_polls", entries.stream().filter(e -> e.kind() == Kind.FAILED).map(e -> Map.of(
                "account_id", e.accountId(),
                "region", e.region(),
                "message", e.detail())).toList());
        doc.put("not_permitted", entries.stream().filter(Entry::isNote).map(e -> Map.of(
                "account_id", e.accountId(),
                "region", e.region(),
                "iam_actions", List.of(ACTION),
                "message", e.detail())).toList());
        return doc;
    }

    private static String inert(String s) {
        return InertText.escape(s);
    }

    /** One line, escaped, at most {@link #MAX_DETAIL} characters. */
    private static String bounded(String s) {
        String head = s.length() > 4 * MAX_DETAIL ? s.substring(0, 4 * MAX_DETAIL) : s;
        String flat = InertText.escape(head.replaceAll("\\s+", " ").trim());
        return flat.length() > MAX_DETAIL ? flat.substring(0, MAX_DETAIL - 3) + "..." : flat;
    }
}
