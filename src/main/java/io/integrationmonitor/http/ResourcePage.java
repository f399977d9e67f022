package io.integrationmonitor.http;

import io.integrationmonitor.http.StatusPageModel.EventRow;
import io.integrationmonitor.http.StatusPageModel.ResourceRow;
import io.integrationmonitor.poll.ResourceLinks;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static io.integrationmonitor.http.StatusPage.esc;
import static io.integrationmonitor.http.StatusPage.since;
import static io.integrationmonitor.http.StatusPage.time;

/**
 * Renders the page of one resource, where every alert links ({@link ResourceLinks#page}): its status, errors,
 * event history and AWS console link. Same rules as the {@link StatusPage}: no script, the status page's inline
 * stylesheet (so its Content-Security-Policy fits), every text inert and escaped.
 */
final class ResourcePage {
    private ResourcePage() {
    }

    /** The page's address relative to the status page ({@code /}). */
    static String href(String arn) {
        return ResourceLinks.PAGE_PATH.substring(1) + "?arn=" + URLEncoder.encode(arn, StandardCharsets.UTF_8);
    }

    /** @param events the resource's events, newest first */
    static String render(ResourceRow r, List<EventRow> events, Instant now) {
        StringBuilder html = head(r.name() + " (" + r.kind() + ")");
        html.append("<p class=\"meta\"><a href=\"./\">&larr; status page</a> &middot; generated ").append(time(now))
                .append("</p>\n<table>\n");
        row(html, "Kind", esc(r.kind()));
        row(html, "ARN", "<code>" + esc(r.arn()) + "</code>");
        row(html, "Account / region", esc(r.accountId()) + " / " + esc(r.region()));
        if (!r.listings().isEmpty()) {
            row(html, "Listed by", esc(String.join(", ", r.listings())));
        }
        String health = r.health().needsAttention() ? "bad" : "ok";
        row(html, "Status", "<span class=\"" + health + "\">" + esc(r.status()) + (r.stuck() ? " (stuck)" : "")
                + "</span> since " + since(r.statusSince(), now));
        row(html, "Health", esc(r.health().name().toLowerCase(java.util.Locale.ROOT)));
        ResourceLinks.console(r.arn()).ifPresent(u ->
                row(html, "AWS console", "<a href=\"" + esc(u) + "\" rel=\"noreferrer\">open in the AWS console</a>"));
        html.append("</table>\n<h2 id=\"errors\">Errors</h2>\n");
        if (r.errors().isEmpty()) {
            html.append("<p>None reported.</p>\n");
        } else {
            html.append("<ul class=\"errors\">");
            r.errors().forEach(e -> html.append("<li>")
                    .append(e.code().isEmpty() ? "" : "<code>" + esc(e.code()) + "</code> ")
                    .append(esc(e.message())).append("</li>"));
            html.append("</ul>\n");
        }
        html.append("<h2 id=\"history\">History</h2>\n");
        if (events.isEmpty()) {
            html.append("<p>No events in the kept history.</p>\n");
        } else {
            html.append("<table>\n<tr><th>At</th><th>Event</th><th>What</th></tr>\n");
            for (EventRow e : events) {
                html.append("<tr><td>").append(time(e.at())).append("</td><td>").append(esc(e.type()))
                        .append("</td><td>").append(esc(e.message())).append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    /** The answer for an ARN the monitor does not know (deleted, not watched, or a mistyped link). */
    static String renderUnknown(String arn, Instant now) {
        return head("unknown resource")
                .append("<p class=\"meta\"><a href=\"./\">&larr; status page</a> &middot; generated ").append(time(now))
                .append("</p>\n<p class=\"bad\">No known resource has the ARN <code>").append(esc(arn))
                .append("</code>. It may have been deleted (see the status page's recent events for")
                .append(" <code>vanished</code>) or be outside the watched accounts and regions.</p>\n")
                .append("</body>\n</html>\n").toString();
    }

    private static StringBuilder head(String title) {
        return new StringBuilder(4096)
                .append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<link rel=\"icon\" href=\"data:,\">\n<title>").append(esc(title))
                .append(" &middot; integration-monitor</title>\n<style>").append(StatusPage.STYLE)
                .append("</style>\n</head>\n<body>\n<h1>").append(esc(title)).append("</h1>\n");
    }

    private static void row(StringBuilder html, String header, String cellHtml) {
        html.append("<tr><th>").append(header).append("</th><td>").append(cellHtml).append("</td></tr>\n");
    }
}
