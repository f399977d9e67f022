package io.integrationmonitor.http;

import io.integrationmonitor.http.StatusPageModel.TargetRow;

import java.time.Instant;
import java.util.List;

import static io.integrationmonitor.http.StatusPage.esc;
import static io.integrationmonitor.http.StatusPage.since;

/** The status page's poll-target parts: the red "cannot poll" lines under the header, and "Monitor health". */
final class StatusPageTargets {

    private StatusPageTargets() {
    }

    /**
     * One red line per source whose last poll failed: its resources above are as last read, so the header must
     * not let "2 unhealthy" pass for the whole truth.
     */
    static void renderCannotPoll(StringBuilder html, List<TargetRow> failing, Instant now) {
        if (failing.isEmpty()) {
            return;
        }
        html.append("<ul class=\"bad\" id=\"cannot-poll\">\n");
        for (TargetRow t : failing) {
            html.append("<li>Cannot poll ").append(esc(t.source())).append(" in ").append(esc(t.accountId()))
                    .append(" / ").append(esc(t.region())).append(": ")
                    .append(t.lastErrorReason().isEmpty() ? "failed" : esc(t.lastErrorReason()))
                    .append(", failing since ")
                    .append(t.failingSince() == null ? "unknown" : since(t.failingSince(), now))
                    .append(" (").append(t.consecutiveFailures())
                    .append(t.consecutiveFailures() == 1 ? " failed poll" : " failed polls in a row")
                    .append("; last success ").append(t.lastSuccess() == null ? "never" : since(t.lastSuccess(), now))
                    .append(")</li>\n");
        }
        html.append("</ul>\n");
    }

    /**
     * One line per source whose API refuses the monitor's identity (before any success): not a failure, an IAM
     * grant to make, so it is not red and not counted as "cannot be polled".
     */
    static void renderNotPermitted(StringBuilder html, List<TargetRow> notPermitted, Instant now) {
        if (notPermitted.isEmpty()) {
            return;
        }
        html.append("<ul id=\"not-permitted\">\n");
        for (TargetRow t : notPermitted) {
            html.append("<li>Not permitted: ").append(esc(t.source())).append(" in ").append(esc(t.accountId()))
                    .append(" / ").append(esc(t.region())).append(": ").append(esc(t.grant()))
                    .append(", since ").append(since(t.notPermittedSince(), now)).append("</li>\n");
        }
        html.append("</ul>\n");
    }

    static void renderTargets(StringBuilder html, List<TargetRow> targets, Instant now) {
        html.append("<h2 id=\"monitor\">Monitor health</h2>\n");
        if (targets.isEmpty()) {
            html.append("<p>No poll targets configured.</p>\n");
            return;
        }
        html.append("<table>\n<tr><th>Source</th><th>Account</th><th>Region</th><th>Last success</th>")
                .append("<th>Last failure</th><th>Last error</th><th>Consecutive failures</th></tr>\n");
        for (TargetRow t : targets) {
            boolean failing = t.consecutiveFailures() > 0;
            html.append(failing ? "<tr class=\"unhealthy\">" : "<tr>")
                    .append("<td>").append(esc(t.source()))
                    .append("</td><td>").append(esc(t.accountId()))
                    .append("</td><td>").append(esc(t.region()))
                    .append("</td><td>").append(t.lastSuccess() == null ? "never" : since(t.lastSuccess(), now))
                    .append("</td><td>").append(t.lastFailure() == null ? "never" : since(t.lastFailure(), now))
                    .append("</td><td>").append(t.notPermitted() ? "not permitted" : esc(t.lastErrorReason()))
                    .append("</td><td").append(failing ? " class=\"bad\">" : ">").append(t.consecutiveFailures())
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }
}
