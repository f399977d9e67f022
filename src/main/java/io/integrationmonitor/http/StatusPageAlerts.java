package io.integrationmonitor.http;

import io.integrationmonitor.http.StatusPageModel.AlertRow;
import io.integrationmonitor.http.StatusPageModel.SilenceRow;

import java.time.Instant;
import java.util.List;

import static io.integrationmonitor.http.StatusPage.esc;
import static io.integrationmonitor.http.StatusPage.since;
import static io.integrationmonitor.http.StatusPage.time;

/**
 * The status page's "Firing alerts" and "Silences" sections and its panel for a new silence (split from
 * {@link StatusPage} to keep it small).
 */
final class StatusPageAlerts {

    /**
     * Creating a silence from a row (the script fills it in and sends it to {@code POST /api/v1/silences}). The
     * credentials are typed for each request and sent in its {@code Authorization} header only: never stored,
     * no form (the policy forbids form submission), no autocomplete.
     */
    static final String SILENCE_PANEL = String.join("\n",
            "<div id=\"silence\" hidden>",
            "<h2>New silence</h2>",
            "<p>Matches <code id=\"s-matchers\"></code></p>",
            "<p><label>for <input type=\"number\" id=\"s-hours\" min=\"1\" max=\"720\" value=\"2\"> hours</label> "
                    + "<label>comment <input id=\"s-comment\" autocomplete=\"off\"></label> "
                    + "<label>created by <input id=\"s-by\" autocomplete=\"off\"></label></p>",
            "<p><label>token <input type=\"password\" id=\"s-token\" autocomplete=\"off\"></label> or "
                    + "<label>user <input id=\"s-user\" autocomplete=\"off\"></label> "
                    + "<label>password <input type=\"password\" id=\"s-password\" autocomplete=\"off\"></label></p>",
            "<p><button type=\"button\" id=\"s-create\">Create silence</button> "
                    + "<button type=\"button\" id=\"s-cancel\">Cancel</button> <span id=\"s-result\"></span></p>",
            "</div>", "");

    private StatusPageAlerts() {
    }

    static void renderAlerts(StringBuilder html, List<AlertRow> alerts, Instant now) {
        long silenced = alerts.stream().filter(AlertRow::silenced).count();
        html.append("<h2 id=\"alerts\">Firing alerts</h2>\n");
        if (alerts.isEmpty()) {
            html.append("<p class=\"ok\">No alert is firing.</p>\n");
            return;
        }
        html.append("<p class=\"meta\">").append(alerts.size()).append(" firing, ").append(silenced)
                .append(" of them silenced (tracked, not sent)</p>\n")
                .append("<table>\n<tr><th>Condition</th><th>Severity</th><th>Kind</th><th>Name</th>")
                .append("<th>Status</th><th>Firing since</th><th>Silenced</th></tr>\n");
        for (AlertRow a : alerts) {
            html.append(a.silenced() ? "<tr class=\"silenced\">" : "<tr class=\"unhealthy\">")
                    .append("<td>").append(esc(a.condition()))
                    .append("</td><td>").append(esc(a.severity()))
                    .append("</td><td>").append(esc(a.kind()))
                    .append("</td><td>").append(a.arn().isEmpty() ? esc(a.name())
                            : "<a href=\"" + esc(ResourcePage.href(a.arn())) + "\">" + esc(a.name()) + "</a>")
                    .append("</td><td>").append(esc(a.status()))
                    // a freshness alert's figure, with AWS's table names: escaped like every AWS text
                    .append(a.detail().isEmpty() ? "" : "<br><span class=\"meta\">" + esc(a.detail()) + "</span>")
                    .append("</td><td>").append(since(a.startsAt(), now))
                    .append("</td><td>").append(a.silenced() ? "silenced" : "no")
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    static void renderSilences(StringBuilder html, List<SilenceRow> silences) {
        html.append("<h2 id=\"silences\">Silences</h2>\n");
        if (silences.isEmpty()) {
            html.append("<p>No silences.</p>\n");
            return;
        }
        html.append("<table>\n<tr><th>Id</th><th>Source</th><th>Matches</th><th>Ends</th><th>Comment</th>")
                .append("<th>Active</th></tr>\n");
        for (SilenceRow s : silences) {
            html.append(s.active() ? "<tr>" : "<tr class=\"silenced\">")
                    .append("<td><code>").append(esc(s.id()))
                    .append("</code></td><td>").append(esc(s.source()))
                    .append("</td><td><code>").append(s.matchers().isEmpty() ? "every alert" : esc(s.matchers()))
                    .append("</code></td><td>").append(s.endsAt() == null ? "weekly window" : time(s.endsAt()))
                    .append("</td><td>").append(esc(s.comment()))
                    .append("</td><td>").append(s.active() ? "active" : "inactive")
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }
}
