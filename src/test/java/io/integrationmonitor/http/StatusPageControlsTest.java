package io.integrationmonitor.http;

import io.integrationmonitor.alert.AlertView;
import io.integrationmonitor.alert.evaluate.Alert;
import io.integrationmonitor.alert.evaluate.Condition;
import io.integrationmonitor.config.HttpConfig;
import io.integrationmonitor.config.MatchConfig;
import io.integrationmonitor.detect.ResourceHealth.Verdict;
import io.integrationmonitor.http.StatusPageModel.AlertRow;
import io.integrationmonitor.http.StatusPageModel.ResourceRow;
import io.integrationmonitor.http.StatusPageModel.SilenceRow;
import io.integrationmonitor.metrics.Fixtures;
import org.junit.jupiter.api.AfterEach;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The status page's filter, source → target, inbound names, alerts and silences, and its script. */
class StatusPageControlsTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "eu-west-1";
    private static final String ORDERS_ARN = "arn:aws:glue:eu-west-1:" + ACCOUNT + ":integration:0a1b";

    private final StatusPage page = new StatusPage();
    private HttpApiServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void resourceRowsCarryWhatTheFilterMatchesAndTheControlsWaitForTheScript() {
        // given: an integration whose name carries markup and capitals
        ResourceRow row = new ResourceRow("glue_integration", "Orders<b>", ORDERS_ARN, ACCOUNT, REGION, "FAILED",
                NOW.minusSeconds(60), List.of(), Verdict.UNHEALTHY, "arn:aws:dynamodb:eu-west-1:" + ACCOUNT
                + ":table/Orders", "arn:aws:redshift:eu-west-1:" + ACCOUNT + ":namespace:ns");

        // when
        String html = page.render(new StatusPageModel(NOW, "1.2.3", List.of(row), List.of(), List.of()));

        // then: both of its rows (needs attention, all resources) carry the filter's fields, escaped, text lower-case
        String start = "<tr class=\"unhealthy\" data-kind=\"glue_integration\" data-status=\"FAILED\" data-account=\""
                + ACCOUNT + "\" data-region=\"eu-west-1\" data-name=\"Orders&lt;b&gt;\" data-text=\"orders&lt;b&gt; "
                + ORDERS_ARN;
        assertThat(html.split(java.util.regex.Pattern.quote(start), -1)).hasSize(3);
        assertThat(html).contains("table/orders arn:aws:redshift");
        // the controls are hidden until the script shows them, outside the part it replaces
        assertThat(html).contains("<div id=\"filter\" hidden><input type=\"search\" id=\"q\"",
                "<select id=\"f-kind\"", "<select id=\"f-status\"", "<select id=\"f-account\"",
                "<select id=\"f-region\"");
        assertThat(html.indexOf("id=\"filter\"")).isLessThan(html.indexOf("<div id=\"live\">"));
        // creating a silence: no form, credentials typed for each request and never offered to autocomplete
        String panel = html.substring(html.indexOf("<div id=\"silence\" hidden>"), html.indexOf("<div id=\"live\">"));
        assertThat(panel).contains("<input type=\"password\" id=\"s-token\" autocomplete=\"off\">",
                "<input type=\"password\" id=\"s-password\" autocomplete=\"off\">",
                "<button type=\"button\" id=\"s-create\">").doesNotContain("<form");
        assertThat(html).contains("<details open data-group=\"glue_integration/FAILED\">",
                "<section data-group=\"glue_integration\">", "<div id=\"all-resources\">");
    }

    @Test
    void integrationsShowSourceAndTargetAndOtherKindsHaveNoSuchColumn() {
        // given an integration with source and target, and an association without
        ResourceRow integration = StatusPageHandler.row(Fixtures.glue(ACCOUNT, "orders", "ACTIVE", NOW));
        ResourceRow association = StatusPageHandler.row(Fixtures.association("assoc-1", "ACTIVE", NOW));

        // when
        String html = page.render(new StatusPageModel(NOW, "1.2.3", List.of(integration, association), List.of(),
                List.of()));

        // then
        String glue = html.substring(html.indexOf("<h3>glue_integration</h3>"), html.indexOf("id=\"events\""));
        assertThat(glue).contains("<th>Source &rarr; target</th>", "<code>arn:aws:dynamodb:eu-west-1:" + ACCOUNT
                + ":table/orders</code> &rarr; <code>arn:aws:redshift:eu-west-1:" + ACCOUNT + ":namespace:ns</code>");
        String associations = html.substring(html.indexOf("<h3>appintegrations_association</h3>"),
                html.indexOf("<h3>glue_integration</h3>"));
        assertThat(associations).doesNotContain("Source &rarr; target");
    }

    @Test
    void anIntegrationSeveralListingsReportIsOneRowWithTheOwnersViewAndEveryListing() {
        // given an inbound integration named after its ARN, the integration it receives, and an unmatched one
        KnownResource orders = known(ResourceKind.GLUE_INTEGRATION, "orders", ORDERS_ARN, "FAILED");
        KnownResource inbound = known(ResourceKind.GLUE_INBOUND_INTEGRATION, "0a1b", ORDERS_ARN, "ACTIVE");
        KnownResource other = known(ResourceKind.GLUE_INBOUND_INTEGRATION, "9z8y", ORDERS_ARN.replace("0a1b", "9z8y"),
                "ACTIVE");

        // when
        List<ResourceRow> rows = StatusPageHandler.rows(List.of(inbound, orders, other));

        // then one row per ARN: the integration's own listing owns it (its kind, name and status), both named
        assertThat(rows).extracting(ResourceRow::kind, ResourceRow::displayName, ResourceRow::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("glue_integration", "orders", "FAILED"),
                org.assertj.core.groups.Tuple.tuple("glue_inbound_integration", "9z8y", "ACTIVE"));
        assertThat(rows.get(0).listings()).containsExactly("glue_integrations", "glue_inbound_integrations");
        assertThat(rows.get(1).listings()).containsExactly("glue_inbound_integrations");
        String html = page.render(new StatusPageModel(NOW, "1.2.3", rows, List.of(), List.of()));
        String all = html.substring(html.indexOf("id=\"resources\""), html.indexOf("id=\"events\""));
        assertThat(all).containsOnlyOnce("<code>" + ORDERS_ARN + "</code>")
                .containsOnlyOnce("listed by glue_integrations, glue_inbound_integrations</span>")
                .doesNotContain("listed by glue_inbound_integrations<");
    }

    private static KnownResource known(ResourceKind kind, String name, String arn, String status) {
        return new KnownResource(new ObservedResource(kind, arn, name, ACCOUNT, REGION, ResourceStatus.valueOf(status),
                List.of(), null, null, null), NOW, NOW, false);
    }

    @Test
    void firingAlertsAreListedWithSilencedOnesMarkedAndPendingOnesLeftOut() {
        // given: a firing alert, a firing silenced one and a pending one
        Alert failed = Alert.builder(ORDERS_ARN + "|failed", Condition.FAILED).kind("glue_integration")
                .name("orders").arn(ORDERS_ARN).status("FAILED").startsAt(NOW.minusSeconds(600)).build();
        Alert stuck = Alert.builder("arn:x|stuck", Condition.STUCK).kind("glue_integration").name("slow")
                .arn("arn:x").status("CREATING").startsAt(NOW.minusSeconds(60)).build();
        Alert pending = Alert.builder("arn:y|failed", Condition.FAILED).kind("glue_integration").name("pending")
                .arn("arn:y").status("FAILED").build();
        List<AlertView> alerts = List.of(new AlertView(stuck, true, true, 3, Map.of()),
                new AlertView(failed, true, false, 5, Map.of()), new AlertView(pending, false, false, 1, Map.of()));
        StatusPageHandler handler = new StatusPageHandler(List::of, (since, limit) -> List.of(), List::of,
                () -> alerts, now -> List.of(new SilenceRow("3f2a", "api", "name=slow", NOW.plusSeconds(3600),
                "deploy <window>", true)), "1.0", Clock.fixed(NOW, ZoneOffset.UTC));

        // when
        StatusPageModel model = handler.model();
        String html = page.render(model);

        // then: oldest first, pending left out, silenced marked; the silence listed with its matchers
        assertThat(model.alerts()).extracting(AlertRow::name, AlertRow::silenced)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("orders", false),
                        org.assertj.core.groups.Tuple.tuple("slow", true));
        String section = html.substring(html.indexOf("id=\"alerts\""), html.indexOf("id=\"silences\""));
        assertThat(section).contains("2 firing, 1 of them silenced", "<tr class=\"silenced\"><td>stuck",
                "<a href=\"" + StatusPage.esc(ResourcePage.href(ORDERS_ARN)) + "\">orders</a>", "10m ago")
                .doesNotContain("pending");
        String silences = html.substring(html.indexOf("id=\"silences\""), html.indexOf("id=\"resources\""));
        assertThat(silences).contains("<code>3f2a</code>", "<code>name=slow</code>", "2026-11-21 13:00:00Z",
                "deploy &lt;window&gt;", "active");
    }

    @Test
    void noAlertsAndNoSilencesAreSaid() {
        String html = page.render(new StatusPageModel(NOW, "1.2.3", List.of(), List.of(), List.of()));

        assertThat(html).contains("No alert is firing.", "No silences.");
    }

    @Test
    void silenceMatchersReadAsKeyValuePairs() {
        MatchConfig m = new MatchConfig(List.of("glue_integration"), null, List.of("FAILED", "NEEDS_ATTENTION"),
                null, List.of(REGION), List.of("orders-*"), Map.of("team", "data"));

        assertThat(StatusPageHandler.matchers(m))
                .isEqualTo("kind=glue_integration status=FAILED|NEEDS_ATTENTION region=eu-west-1 name=orders-* tag:team=data");
        assertThat(StatusPageHandler.matchers(MatchConfig.any())).isEmpty();
    }

    @Test
    void theScriptIsServedAsJavaScriptAndMatchesTheHashThePageNames() throws Exception {
        // given
        server = HttpApiServer.builder(new HttpConfig("127.0.0.1", 0))
                .route(StatusScript.PATH, new StatusScript())
                .start();

        // when
        HttpResponse<byte[]> script = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + StatusScript.PATH)).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        // then
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
        assertThat(script.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        String hash = "sha256-" + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(script.body()));
        assertThat(hash).isEqualTo(StatusScript.INTEGRITY);
        assertThat(new String(script.body(), StandardCharsets.UTF_8)).contains("getElementById(\"live\")",
                "\"kind\", \"status\", \"account\", \"region\"");
    }
}
