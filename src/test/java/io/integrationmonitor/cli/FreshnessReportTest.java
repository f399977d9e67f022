package io.integrationmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationmonitor.cli.HealthReport.Level;
import io.integrationmonitor.freshness.FreshnessFinding;
import io.integrationmonitor.freshness.FreshnessPollResult;
import io.integrationmonitor.freshness.FreshnessPollResult.Outcome;
import io.integrationmonitor.freshness.FreshnessVerdict;
import io.integrationmonitor.freshness.MetricSource;
import io.integrationmonitor.freshness.WatchedIntegration;
import io.integrationmonitor.poll.ResourceKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code once} says of freshness: levels, figures, escaped AWS text, notes that leave the level alone. */
class FreshnessReportTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "eu-west-1";

    @Test
    void staleAndLaggingAreWarningsWithTheirFigures() {
        // given
        WatchedIntegration orders = glue("orders");
        WatchedIntegration billing = redshift("billing");

        // when
        FreshnessReport report = FreshnessReport.of(List.of(completed(
                new FreshnessFinding(FreshnessVerdict.STALE, orders,
                        "last sync 4h12m ago, refresh interval 1h (stale after 3h15m)", List.of()),
                new FreshnessFinding(FreshnessVerdict.LAGGING, billing, "lag 42m in 3 of the last 3 samples "
                        + "(threshold 15m)", List.of()))));

        // then
        assertThat(report.level()).isEqualTo(Level.WARNING);
        assertThat(report.lines()).containsExactly(
                "WARNING   lagging: rds_integration billing (" + billing.arn() + ") in 123456789012/eu-west-1: lag 42m"
                        + " in 3 of the last 3 samples (threshold 15m)",
                "WARNING   stale: glue_integration orders (" + orders.arn() + ") in 123456789012/eu-west-1: last sync"
                        + " 4h12m ago, refresh interval 1h (stale after 3h15m)");
        assertThat(report.summary()).isEqualTo("; 2 freshness finding(s)");
    }

    @Test
    void failingTablesAreCriticalAndComeFirst() {
        // given
        WatchedIntegration orders = glue("orders");

        // when
        FreshnessReport report = FreshnessReport.of(List.of(completed(
                new FreshnessFinding(FreshnessVerdict.STALE, orders, "last sync 2h ago", List.of()),
                new FreshnessFinding(FreshnessVerdict.TABLES_FAILING, orders, "", List.of("sales", "users")))));

        // then: an empty figure names the tables instead
        assertThat(report.level()).isEqualTo(Level.CRITICAL);
        assertThat(report.lines()).hasSize(2);
        assertThat(report.lines().get(0)).isEqualTo("CRITICAL  tables failing: glue_integration orders ("
                + orders.arn() + ") in 123456789012/eu-west-1: tables sales, users");
        assertThat(report.lines().get(1)).startsWith("WARNING   stale: ");
    }

    @Test
    void aRefusedFreshnessPollIsANoteThatLeavesTheLevelAlone() {
        // when
        FreshnessReport report = FreshnessReport.of(List.of(result(Outcome.NOT_PERMITTED,
                "User: arn:aws:iam::123456789012:role/monitor is not authorized")));

        // then
        assertThat(report.level()).isEqualTo(Level.OK);
        assertThat(report.lines()).containsExactly("NOTE      freshness: not permitted (cloudwatch:GetMetricData) in"
                + " account 123456789012 region eu-west-1 (status polls unaffected; asked again every 10th poll)");
        assertThat(report.summary()).isEqualTo("; freshness not permitted in 1 account/region(s)");
    }

    @Test
    void aFailedFreshnessPollIsUnknownLikeAFailedStatusPoll() {
        // when
        FreshnessReport report = FreshnessReport.of(List.of(result(Outcome.FAILED, "malformed response"),
                result(Outcome.NOT_PERMITTED, "")));

        // then: unknown, and the note after it
        assertThat(report.level()).isEqualTo(Level.UNKNOWN);
        assertThat(report.lines()).hasSize(2);
        assertThat(report.lines().get(0)).isEqualTo("UNKNOWN   could not poll freshness (CloudWatch GetMetricData) in"
                + " 123456789012/eu-west-1: malformed response");
        assertThat(report.lines().get(1)).startsWith("NOTE      freshness: not permitted");
    }

    @Test
    void aCompletedPollWithoutFindingsSaysNothing() {
        FreshnessReport report = FreshnessReport.of(List.of(completed()));

        assertThat(report.level()).isEqualTo(Level.OK);
        assertThat(report.lines()).isEmpty();
        assertThat(report.summary()).isEmpty();
    }

    @Test
    void hostileNamesArnsTablesAndMessagesAreEscapedAndBounded() {
        // given: AWS text with a line break, bidi overrides and a very long table list
        WatchedIntegration hostile = new WatchedIntegration("arn:aws:glue:eu-west-1:123456789012:integration:x\u202E",
                "x", "orders\nOK fake\u202Elis", ResourceKind.GLUE_INTEGRATION, ACCOUNT, REGION, MetricSource.GLUE,
                Duration.ofHours(1), Map.of(), NOW.minus(Duration.ofDays(1)));
        String longDetail = "tables failed: " + "t\u2066able,".repeat(1000);

        // when
        FreshnessReport report = FreshnessReport.of(List.of(
                completed(new FreshnessFinding(FreshnessVerdict.TABLES_FAILING, hostile, longDetail,
                        List.of("t\nable"))),
                result(Outcome.FAILED, "denied\n\u202Eforged")));

        // then: one line each, every control visible as an escape, none of them raw
        List<String> lines = report.lines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("orders\\nOK fake\\u202Elis", "integration:x\\u202E", "t\\u2066able")
                .endsWith("...").hasSizeLessThan(500);
        assertThat(lines.get(1)).endsWith("denied \\u202Eforged");
        assertThat(String.join("\n", lines)).doesNotContain("\u202E", "\u2066", "orders\nOK");
    }

    @Test
    void theHealthTableCarriesTheFreshnessLinesAndTheWorseLevel() {
        // given: healthy status polls, one stale integration
        HealthReport status = HealthReport.evaluate(List.of(), List.of(), List.of(),
                io.integrationmonitor.config.StuckConfig.defaults(), NOW);
        FreshnessReport freshness = FreshnessReport.of(List.of(completed(
                new FreshnessFinding(FreshnessVerdict.STALE, glue("orders"), "last sync 4h12m ago", List.of()))));

        // when
        HealthReport report = status.withFreshness(freshness);
        StringWriter out = new StringWriter();
        new HealthTable(report, NOW, false).print(new PrintWriter(out, true));

        // then
        assertThat(report.level()).isEqualTo(Level.WARNING);
        assertThat(out.toString().lines()).containsExactly(
                "INTEGRATIONS WARNING - no resources; 1 freshness finding(s)",
                "WARNING   stale: glue_integration orders (arn:aws:glue:eu-west-1:123456789012:integration:orders) in"
                        + " 123456789012/eu-west-1: last sync 4h12m ago");
    }

    @Test
    void aNoteDoesNotRaiseTheStatusPollsLevelAndAWorseStatusLevelStays() {
        // given
        HealthReport critical = new HealthReport(Level.CRITICAL, List.of(), List.of());
        FreshnessReport note = FreshnessReport.of(List.of(result(Outcome.NOT_PERMITTED, "")));
        FreshnessReport stale = FreshnessReport.of(List.of(completed(
                new FreshnessFinding(FreshnessVerdict.STALE, glue("orders"), "last sync 4h ago", List.of()))));

        // then
        assertThat(new HealthReport(Level.OK, List.of(), List.of()).withFreshness(note).level()).isEqualTo(Level.OK);
        assertThat(critical.withFreshness(stale).level()).isEqualTo(Level.CRITICAL);
    }

    @Test
    void theJsonHasAnEntryPerFindingAndThePollsThatFailedOrWereRefused() {
        // given
        WatchedIntegration orders = glue("orders");
        FreshnessReport report = FreshnessReport.of(List.of(
                completed(new FreshnessFinding(FreshnessVerdict.TABLES_FAILING, orders, "2 tables failed",
                        List.of("sales", "users"))),
                result(Outcome.NOT_PERMITTED, "not authorized")));

        // when
        Map<String, Object> json = report.json();

        // then
        assertThat(json).containsEntry("status", "CRITICAL");
        assertThat(json.get("findings")).asList().singleElement().isEqualTo(Map.of(
                "level", "CRITICAL", "condition", "tables_failing", "kind", "glue_integration", "name", "orders",
                "arn", orders.arn(), "account_id", ACCOUNT, "region", REGION, "detail", "2 tables failed",
                "tables", List.of("sales", "users")));
        assertThat(json.get("failed_polls")).asList().isEmpty();
        assertThat(json.get("not_permitted")).asList().singleElement().isEqualTo(Map.of("account_id", ACCOUNT,
                "region", REGION, "iam_actions", List.of("cloudwatch:GetMetricData"), "message", "not authorized"));
    }

    private static FreshnessPollResult completed(FreshnessFinding... findings) {
        return new FreshnessPollResult(ACCOUNT, REGION, Outcome.COMPLETED, NOW, "", List.of(), List.of(findings),
                4, 1);
    }

    private static FreshnessPollResult result(Outcome outcome, String message) {
        return new FreshnessPollResult(ACCOUNT, REGION, outcome, NOW, message, List.of(), List.of(), 4, 1);
    }

    private static WatchedIntegration glue(String name) {
        return new WatchedIntegration("arn:aws:glue:eu-west-1:123456789012:integration:" + name, name, name,
                ResourceKind.GLUE_INTEGRATION, ACCOUNT, REGION, MetricSource.GLUE, Duration.ofHours(1), Map.of(),
                NOW.minus(Duration.ofDays(1)));
    }

    private static WatchedIntegration redshift(String name) {
        return new WatchedIntegration("arn:aws:rds:eu-west-1:123456789012:integration:" + name, name, name,
                ResourceKind.RDS_INTEGRATION, ACCOUNT, REGION, MetricSource.REDSHIFT, null, Map.of(),
                NOW.minus(Duration.ofDays(1)));
    }
}
