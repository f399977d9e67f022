package io.integrationmonitor.http;

import io.integrationmonitor.alert.AlertView;
import io.integrationmonitor.alert.evaluate.Alert;
import io.integrationmonitor.alert.evaluate.Condition;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A freshness alert's detail (with AWS's table names) in {@code /api/v1/alerts} and on the status page: inert. */
class FreshnessAlertFieldsTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final String ARN = "arn:aws:glue:eu-west-1:123456789012:integration:orders";
    private static final String HOSTILE_DETAIL = "2 tables failing: <script>alert(1)</script>, orders\n<!channel>";

    private static Alert tablesFailing() {
        return Alert.builder("freshness:" + ARN + "|tables_failing", Condition.TABLES_FAILING)
                .kind("glue_integration").name("orders<b>").arn(ARN).accountId("123456789012").region("eu-west-1")
                .targetKey("freshness/123456789012/eu-west-1").status("ACTIVE").detail(HOSTILE_DETAIL)
                .startsAt(NOW.minusSeconds(600)).build();
    }

    @Test
    void theApiListsTheDetailInert() {
        // when
        AlertsHandler.Firing firing = AlertsHandler.Firing.of(new AlertView(tablesFailing(), true, false, 2, Map.of()));

        // then
        assertThat(firing.condition()).isEqualTo("tables_failing");
        assertThat(firing.severity()).isEqualTo("critical");
        assertThat(firing.detail())
                .isEqualTo("2 tables failing: <script>alert(1)</script>, orders\\n<!channel>");
        assertThat(firing.target()).isEqualTo("freshness/123456789012/eu-west-1");
    }

    @Test
    void anAlertWithoutADetailHasAnEmptyOne() {
        // given
        Alert failed = Alert.builder(ARN + "|failed", Condition.FAILED).kind("glue_integration").name("orders")
                .arn(ARN).status("FAILED").startsAt(NOW).build();

        // when
        AlertsHandler.Firing firing = AlertsHandler.Firing.of(new AlertView(failed, true, false, 1, Map.of()));

        // then
        assertThat(firing.detail()).isEmpty();
    }

    @Test
    void theStatusPageRowShowsTheDetailHtmlEscaped() {
        // given
        StatusPageHandler handler = new StatusPageHandler(List::of, (since, limit) -> List.of(), List::of,
                () -> List.of(new AlertView(tablesFailing(), true, false, 2, Map.of())), now -> List.of(), "1.0",
                Clock.fixed(NOW, ZoneOffset.UTC));

        // when
        StatusPageModel model = handler.model();
        String html = new StatusPage().render(model);

        // then
        assertThat(model.alerts()).singleElement().satisfies(r -> assertThat(r.detail()).isEqualTo(HOSTILE_DETAIL));
        String section = html.substring(html.indexOf("id=\"alerts\""), html.indexOf("id=\"silences\""));
        assertThat(section).contains("<td>tables_failing", "orders&lt;b&gt;",
                "ACTIVE<br><span class=\"meta\">2 tables failing: &lt;script&gt;alert(1)&lt;/script&gt;, orders\\n"
                        + "&lt;!channel&gt;</span>")
                .doesNotContain("<script>", "orders<b>");
    }
}
