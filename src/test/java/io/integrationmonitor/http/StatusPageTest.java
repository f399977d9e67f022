package io.integrationmonitor.http;

import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.ResourceHealth;
import io.integrationmonitor.detect.ResourceHealth.Verdict;
import io.integrationmonitor.http.StatusPageModel.ErrorRow;
import io.integrationmonitor.http.StatusPageModel.EventRow;
import io.integrationmonitor.http.StatusPageModel.ResourceRow;
import io.integrationmonitor.http.StatusPageModel.TargetRow;
import io.integrationmonitor.metrics.Fixtures;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatusPageTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "eu-west-1";

    private final StatusPage page = new StatusPage();

    @Test
    void unhealthyResourcesComeFirstWithTheirErrors() {
        // given: a healthy integration sorting first by name, and three kinds of unhealthy resource
        List<ResourceRow> resources = List.of(
                glue("aaa-healthy", "ACTIVE", List.of(), false),
                glue("zzz-failed", "FAILED", List.of(new ErrorRow("InternalError", "replication slot lost")), false),
                glue("mmm-stuck", "CREATING", List.of(), true),
                new ResourceRow("appintegrations_association", "assoc-1", "arn:aws:app-integrations:eu-west-1:"
                        + ACCOUNT + ":data-integration-association/di/assoc-1", ACCOUNT, REGION, "FAILED",
                        NOW.minusSeconds(90), List.of(new ErrorRow("", "execution failed")), Verdict.UNHEALTHY));

        // when
        String html = page.render(new StatusPageModel(NOW, "1.2.3", resources, List.of(), List.of()));

        // then: the "Needs attention" table lists exactly the unhealthy ones, before the full listing
        String attention = between(html, "id=\"unhealthy\"", "id=\"resources\"");
        assertThat(attention).contains("zzz-failed", "mmm-stuck", "assoc-1", "replication slot lost",
                "InternalError", "execution failed", "CREATING (stuck)");
        assertThat(attention).doesNotContain("aaa-healthy");
        assertThat(html.indexOf("zzz-failed")).isLessThan(html.indexOf("aaa-healthy"));
        assertThat(html).contains("4 resources, 3 unhealthy", "1m 30s ago");
    }

    @Test
    void allResourcesAreGroupedByKindAndStatusAndLargeGroupsCollapse() {
        // given: 11 active integrations (over the open limit) and one modifying
        List<ResourceRow> resources = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            resources.add(glue("active-" + i, "ACTIVE", List.of(), false));
        }
        resources.add(glue("changing", "MODIFYING", List.of(), false));

        // when
        String html = page.render(new StatusPageModel(NOW, "1.2.3", resources, List.of(), List.of()));

        // then
        String all = html.substring(html.indexOf("id=\"resources\""), html.indexOf("id=\"events\""));
        assertThat(all).contains("<h3>glue_integration</h3>", "<details data-group=\"glue_integration/ACTIVE\"><summary>ACTIVE (11)</summary>",
                "<details open data-group=\"glue_integration/MODIFYING\"><summary>MODIFYING (1)</summary>");
        assertThat(html).contains("All resources are healthy.");
    }

    @Test
    void hostileTextFromAwsIsEscapedEverywhere() {
        // given: an error message, a name, an event and a reason carrying markup
        String hostile = "<script>alert('x')</script>";
        ResourceRow row = new ResourceRow("glue_integration", "\"><img src=x onerror=alert(1)>",
                "arn:aws:glue:eu-west-1:" + ACCOUNT + ":integration/evil", ACCOUNT, REGION, "FAILED",
                NOW.minusSeconds(3600), List.of(new ErrorRow("<b>code</b>", hostile)), Verdict.UNHEALTHY);
        EventRow event = new EventRow(NOW, "entered_failed", "glue_integration", hostile, "ACTIVE → FAILED");
        TargetRow target = new TargetRow("glue_integrations", ACCOUNT, REGION, null, NOW, "a&b<i>", 2, NOW);

        // when
        String html = page.render(new StatusPageModel(NOW, "<v>", List.of(row), List.of(event), List.of(target)));

        // then: no markup from the data survives; the text is shown escaped
        assertThat(html).doesNotContain("<script>", "<img", "<b>code", "<i>", "<v>");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;",
                "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", "&lt;b&gt;code&lt;/b&gt;", "a&amp;b&lt;i&gt;",
                "Version &lt;v&gt;");
    }

    @Test
    void controlAndBidiCharactersFromAwsAreShownAsEscapes() {
        // given a name with a line break and a right-to-left override, and an error message with an isolate
        String name = "orders\n\u202Esil";
        ResourceRow row = new ResourceRow("glue_integration", name, "arn:aws:glue:eu-west-1:" + ACCOUNT
                + ":integration/evil", ACCOUNT, REGION, "FAILED", NOW.minusSeconds(60),
                List.of(new ErrorRow("E", "bad\u2066x\u2069\r")), Verdict.UNHEALTHY);
        EventRow event = new EventRow(NOW, "entered_failed", "glue_integration", name, "ACTIVE → FAILED");

        // when
        String html = page.render(new StatusPageModel(NOW, "1.2.3", List.of(row), List.of(event), List.of()));

        // then none of them reaches the page raw; each is visible as its escape
        assertThat(html).doesNotContain("\u202E", "\u2066", "\u2069", "\r", "orders\n");
        assertThat(html).contains("orders\\n\\u202Esil", "bad\\u2066x\\u2069\\r");
    }

    @Test
    void emptyEstateRendersAStandaloneRefreshingPage() {
        // given: nothing observed, no events, no targets
        StatusPageModel empty = new StatusPageModel(NOW, "1.2.3", List.of(), List.of(), List.of());

        // when
        String html = page.render(empty);

        // then
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(html).contains("<noscript><meta http-equiv=\"refresh\" content=\"30\"></noscript>",
                "0 resources, 0 unhealthy", "All resources are healthy.", "No resources found yet",
                "No events yet.", "No poll targets configured.", "generated 2026-11-21 12:00:00Z");
        // The one script is the page's own file, by a relative path and its hash; nothing external.
        assertThat(html).contains("<script src=\"status.js\" integrity=\"" + StatusScript.INTEGRITY + "\" defer>")
                .doesNotContain("http://", "https://");
        assertThat(html.split("src=", -1)).hasSize(2);
        // The only link is the inline empty icon that keeps browsers from requesting /favicon.ico.
        assertThat(html.split("href=", -1)).hasSize(2);
        assertThat(html).contains("<link rel=\"icon\" href=\"data:,\">");
    }

    @Test
    void failingTargetsAreMarkedAndNeverSucceededIsSaid() {
        // given
        TargetRow healthy = new TargetRow("glue_integrations", ACCOUNT, REGION, NOW.minusSeconds(30), null, "", 0, null);
        TargetRow failing = new TargetRow("appintegrations_associations", ACCOUNT, REGION, null,
                NOW.minusSeconds(5), "access_denied", 3, NOW.minusSeconds(125));

        // when
        String html = page.render(new StatusPageModel(NOW, "1.2.3", List.of(), List.of(), List.of(healthy, failing)));

        // then
        String monitor = html.substring(html.indexOf("id=\"monitor\""));
        assertThat(monitor).contains("30s ago", "never", "access_denied", "<td class=\"bad\">3</td>");
        assertThat(monitor).containsOnlyOnce("<tr class=\"unhealthy\">");
    }

    @Test
    void aNotPermittedTargetIsListedWithItsGrantButNotAsASourceThatCannotBePolled() {
        // given a source whose API refuses the monitor, its stored grant carrying markup
        TargetRow refused = new TargetRow("rds_integrations", ACCOUNT, REGION, null, NOW.minusSeconds(5),
                "access_denied", 0, null, NOW.minusSeconds(65),
                "grant rds:DescribeIntegrations to role arn:aws:iam::" + ACCOUNT + ":role/<b>m</b> in " + ACCOUNT);

        // when
        String html = page.render(new StatusPageModel(NOW, "1.2.3", List.of(), List.of(), List.of(refused)));

        // then
        assertThat(html).contains("1 source not permitted</a>", "<li>Not permitted: rds_integrations in " + ACCOUNT
                        + " / " + REGION + ": grant rds:DescribeIntegrations to role arn:aws:iam::" + ACCOUNT
                        + ":role/&lt;b&gt;m&lt;/b&gt; in " + ACCOUNT + ", since 2026-11-21 11:58:55Z (1m 5s ago)")
                .doesNotContain("cannot be polled", "cannot-poll", "<tr class=\"unhealthy\">");
        assertThat(html.substring(html.indexOf("id=\"monitor\""))).contains("<td>not permitted</td>");
    }

    @Test
    void eachRowCarriesTheResourceHealthVerdict() {
        // given known resources in each state, one of them stuck (its STUCK event emitted)
        KnownResource syncing = Fixtures.glue(ACCOUNT, "syncing", "SYNCING", NOW);
        KnownResource stuck = new KnownResource(syncing.resource(), NOW, NOW, true);

        // then the page's rows hold what ResourceHealth says, and only unhealthy and stuck need attention
        assertThat(StatusPageHandler.row(Fixtures.glue(ACCOUNT, "n", "NEEDS_ATTENTION", NOW)).health())
                .isEqualTo(Verdict.UNHEALTHY);
        assertThat(StatusPageHandler.row(Fixtures.association("a", "FAILED", NOW)).health())
                .isEqualTo(Verdict.UNHEALTHY);
        assertThat(StatusPageHandler.row(stuck).health()).isEqualTo(Verdict.STUCK);
        assertThat(StatusPageHandler.row(syncing).health()).isEqualTo(Verdict.TRANSIENT);
        assertThat(StatusPageHandler.row(Fixtures.association("a", "NEVER_EXECUTED", NOW)).health())
                .isEqualTo(Verdict.HEALTHY);
        assertThat(StatusPageHandler.row(Fixtures.glue(ACCOUNT, "u", "UNKNOWN", NOW)).health())
                .isEqualTo(Verdict.UNKNOWN);
        assertThat(StatusPageHandler.row(stuck).stuck()).isTrue();
    }

    @Test
    void anUnknownStatusIsShownButDoesNotNeedAttention() {
        // given an integration in a status this version does not know
        List<ResourceRow> resources = List.of(glue("newer", "UNKNOWN", List.of(), false));

        // when
        String html = page.render(new StatusPageModel(NOW, "1.2.3", resources, List.of(), List.of()));

        // then it is listed under its status, not as unhealthy
        assertThat(between(html, "id=\"unhealthy\"", "id=\"resources\"")).doesNotContain("newer");
        assertThat(html).contains("1 resources, 0 unhealthy", "<summary>UNKNOWN (1)</summary>", "newer");
    }

    @Test
    void whileTheDatabaseIsUnreachableASmallPageShowsSinceWhenAndTheLastKnownUnhealthyResources() {
        // given the page as last read, with one failed integration
        StatusPageModel last = new StatusPageModel(NOW.minusSeconds(60), "1.2.3", List.of(
                glue("healthy", "ACTIVE", List.of(), false),
                glue("broken", "FAILED", List.of(new ErrorRow("E1", "source lost")), false)), List.of(), List.of());

        // when
        String withLast = page.renderUnavailable(NOW.minusSeconds(30), last, NOW);
        String withoutLast = page.renderUnavailable(NOW.minusSeconds(30), null, NOW);

        // then
        assertThat(withLast).contains("database is unreachable (since 2026-11-21 11:59:30",
                "Last known state, as of 2026-11-21 11:59:00", "2 resources, 1 unhealthy", "broken", "source lost");
        assertThat(withLast).doesNotContain(">healthy<");
        assertThat(withoutLast).contains("database is unreachable").doesNotContain("Last known state");
    }

    private static ResourceRow glue(String name, String status, List<ErrorRow> errors, boolean stuck) {
        Verdict health = stuck ? Verdict.STUCK : ResourceHealth.of(ResourceKind.GLUE_INTEGRATION,
                ResourceStatus.valueOf(status));
        return new ResourceRow("glue_integration", name, "arn:aws:glue:eu-west-1:" + ACCOUNT + ":integration/" + name,
                ACCOUNT, REGION, status, NOW.minus(Duration.ofMinutes(10)), errors, health);
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        int end = text.indexOf(to);
        assertThat(start).as("marker %s", from).isNotNegative();
        assertThat(end).as("marker %s", to).isGreaterThan(start);
        return text.substring(start, end);
    }
}
