package io.integrationmonitor.http;

import io.integrationmonitor.http.StatusPageModel.ErrorRow;
import io.integrationmonitor.http.StatusPageModel.EventRow;
import io.integrationmonitor.http.StatusPageModel.ResourceRow;
import io.integrationmonitor.http.StatusPageModel.TargetRow;
import io.integrationmonitor.text.DurationText;
import io.integrationmonitor.text.InertText;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders the HTML status page: no external resource; one script of its own ({@link StatusScript}: filter,
 * search, and a live update of the {@code #live} part every 30 seconds; without script the page reloads
 * itself). Resource rows carry their kind, status, account, region and searchable text as {@code data-}
 * attributes for the script. Every piece of text is made inert ({@link InertText}: control and bidi characters shown as
 * escapes) and HTML-escaped, since names and error messages come from AWS.
 */
public final class StatusPage {

    public static final String CONTENT_TYPE = "text/html; charset=utf-8";

    /** Groups larger than this start collapsed. */
    private static final int OPEN_GROUP_LIMIT = 10;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private static final Comparator<ResourceRow> BY_IDENTITY = Comparator.comparing(ResourceRow::kind)
            .thenComparing(ResourceRow::name)
            .thenComparing(ResourceRow::arn);

    private static final String CSS = String.join("\n",
            "body{font-family:system-ui,sans-serif;margin:1.5em;color:#222;background:#fafafa}",
            "h1{font-size:1.4em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:1.6em}",
            "table{border-collapse:collapse;width:100%;margin:.4em 0;background:#fff}",
            "th,td{border:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top;font-size:.9em}",
            "th{background:#eee}code{font-size:.85em;word-break:break-all}",
            ".meta{color:#666;font-size:.9em}.ok{color:#1a7f37}.bad{color:#b42318;font-weight:600}",
            ".unhealthy td{background:#fff1f0}ul.errors{margin:0;padding-left:1.1em}",
            "summary{cursor:pointer;margin:.3em 0;font-weight:600}",
            // Account ids and region names must not break at their hyphens.
            "td.nw{white-space:nowrap}",
            "#filter{margin:.8em 0}#filter input{min-width:22em}#filter select,#filter input{margin-right:.4em}",
            ".silenced td{color:#666;background:#f4f4f4}");
    static final String STYLE = "\n" + CSS + "\n";

    /**
     * Nothing but the inline stylesheet (by its hash, so an injected style or script would not run even if
     * escaping ever failed), the page's own script file and its fetch of the page, and the empty data: icon;
     * no inline script, no framing, no forms, no base URL.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'sha256-" + sha256(STYLE)
            + "'; script-src 'self'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    public StatusPage() {
    }

    static String sha256(String text) {
        try {
            return java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The whole page as an HTML document. */
    public String render(StatusPageModel model) {
        Instant now = model.generatedAt();
        List<ResourceRow> unhealthy = model.resources().stream()
                .filter(r -> r.health().needsAttention())
                .sorted(BY_IDENTITY)
                .collect(Collectors.toList());

        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                // The script updates the page in place; without it, the page reloads itself.
                .append("<noscript><meta http-equiv=\"refresh\" content=\"30\"></noscript>\n")
                .append("<script src=\"").append(StatusScript.PATH.substring(1)).append("\" integrity=\"")
                .append(StatusScript.INTEGRITY).append("\" defer></script>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                // An empty icon: otherwise every browser asks for /favicon.ico and logs the 404 as a console error.
                .append("<link rel=\"icon\" href=\"data:,\">\n")
                .append("<title>integration-monitor status</title>\n<style>").append(STYLE).append("</style>\n")
                .append("</head>\n<body>\n<h1>integration-monitor</h1>\n")
                .append("<div id=\"filter\" hidden><input type=\"search\" id=\"q\" aria-label=\"Search\" ")
                .append("placeholder=\"Search name, ARN, source, target, account, region\">");
        for (String field : List.of("kind", "status", "account", "region")) {
            html.append("<select id=\"f-").append(field).append("\" aria-label=\"").append(field).append("\"></select>");
        }
        html.append("<span id=\"shown\" class=\"meta\"></span></div>\n").append(StatusPageAlerts.SILENCE_PANEL)
                .append("<div id=\"live\">\n")
                .append("<p class=\"meta\">Version ").append(esc(model.version()))
                .append(" &middot; generated ").append(time(now))
                .append(" &middot; ").append(model.resources().size()).append(" resources, ")
                .append(unhealthy.size()).append(" unhealthy");
        List<TargetRow> failing = model.targets().stream().filter(TargetRow::failing).toList();
        if (!failing.isEmpty()) {
            html.append(", <a class=\"bad\" href=\"#monitor\">").append(failing.size())
                    .append(failing.size() == 1 ? " source cannot" : " sources cannot").append(" be polled</a>");
        }
        List<TargetRow> notPermitted = model.targets().stream().filter(TargetRow::notPermitted).toList();
        if (!notPermitted.isEmpty()) {
            html.append(", <a href=\"#monitor\">").append(notPermitted.size())
                    .append(notPermitted.size() == 1 ? " source" : " sources").append(" not permitted</a>");
        }
        html.append("</p>\n");
        StatusPageTargets.renderCannotPoll(html, failing, now);
        StatusPageTargets.renderNotPermitted(html, notPermitted, now);

        renderUnhealthy(html, unhealthy, now);
        StatusPageAlerts.renderAlerts(html, model.alerts(), now);
        StatusPageAlerts.renderSilences(html, model.silences());
        renderAllResources(html, model.resources(), now);
        renderEvents(html, model.recentEvents());
        StatusPageTargets.renderTargets(html, model.targets(), now);
        html.append("</div>\n</body>\n</html>\n");
        return html.toString();
    }

    /** A resource row's opening tag: what the script filters on (values escaped like any text). */
    private static String rowStart(ResourceRow r) {
        String names = r.displayName().equals(r.name()) ? r.name() : r.displayName() + " " + r.name();
        String text = String.join(" ", names, r.arn(), r.kind(), r.status(), r.accountId(), r.region(),
                r.sourceArn(), r.targetArn(), String.join(" ", r.listings())).toLowerCase(java.util.Locale.ROOT);
        return "<tr" + (r.health().needsAttention() ? " class=\"unhealthy\"" : "")
                + " data-kind=\"" + esc(r.kind()) + "\" data-status=\"" + esc(r.status())
                + "\" data-account=\"" + esc(r.accountId()) + "\" data-region=\"" + esc(r.region())
                + "\" data-name=\"" + esc(r.name()) + "\" data-text=\"" + esc(text) + "\">";
    }

    /** The listings of an integration more than one reports ({@code listed by a, b}), or nothing. */
    static String listings(ResourceRow r) {
        return r.listedTwice() ? "<br><span class=\"meta\">listed by " + esc(String.join(", ", r.listings()))
                + "</span>" : "";
    }

    /** An integration's source and target, or nothing. */
    private static String flow(ResourceRow r) {
        if (r.sourceArn().isEmpty() && r.targetArn().isEmpty()) {
            return "";
        }
        return "<code>" + esc(r.sourceArn()) + "</code> &rarr; <code>" + esc(r.targetArn()) + "</code>";
    }

    /**
     * The page while the state database cannot be read: what is wrong and since when, and the unhealthy
     * resources as last read ({@code lastKnown}, null when the page was never rendered).
     */
    public String renderUnavailable(Instant since, StatusPageModel lastKnown, Instant now) {
        StringBuilder html = new StringBuilder(2048);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"refresh\" content=\"10\">\n")
                .append("<link rel=\"icon\" href=\"data:,\">\n")
                .append("<title>integration-monitor: database unreachable</title>\n<style>").append(STYLE)
                .append("</style>\n</head>\n<body>\n<h1>integration-monitor</h1>\n")
                .append("<p class=\"bad\">The state database is unreachable (since ").append(time(since))
                .append("). Polling resumes when it is back.</p>\n");
        if (lastKnown != null) {
            List<ResourceRow> unhealthy = lastKnown.resources().stream()
                    .filter(r -> r.health().needsAttention())
                    .sorted(BY_IDENTITY)
                    .collect(Collectors.toList());
            html.append("<p class=\"meta\">Last known state, as of ").append(time(lastKnown.generatedAt()))
                    .append(": ").append(lastKnown.resources().size()).append(" resources, ")
                    .append(unhealthy.size()).append(" unhealthy</p>\n");
            renderUnhealthy(html, unhealthy, now);
        }
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private void renderUnhealthy(StringBuilder html, List<ResourceRow> unhealthy, Instant now) {
        html.append("<h2 id=\"unhealthy\">Needs attention</h2>\n");
        if (unhealthy.isEmpty()) {
            html.append("<p class=\"ok\">All resources are healthy.</p>\n");
            return;
        }
        html.append("<table>\n<tr><th>Kind</th><th>Name</th><th>Status</th><th>Since</th>")
                .append("<th>Account / region</th><th>Errors</th></tr>\n");
        for (ResourceRow r : unhealthy) {
            html.append(rowStart(r)).append("<td>").append(esc(r.kind()))
                    .append("</td><td>").append(link(r)).append("<br><code>").append(esc(r.arn()))
                    .append("</code>").append(r.sourceArn().isEmpty() && r.targetArn().isEmpty() ? "" : "<br>")
                    .append(flow(r)).append(listings(r)).append("</td><td class=\"bad\">").append(esc(r.status()))
                    .append(r.stuck() ? " (stuck)" : "")
                    .append("</td><td>").append(since(r.statusSince(), now))
                    .append("</td><td class=\"nw\">").append(esc(r.accountId())).append(" / ").append(esc(r.region()))
                    .append("</td><td>");
            renderErrors(html, r.errors());
            html.append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private void renderErrors(StringBuilder html, List<ErrorRow> errors) {
        if (errors.isEmpty()) {
            return;
        }
        html.append("<ul class=\"errors\">");
        for (ErrorRow e : errors) {
            html.append("<li>");
            if (!e.code().isEmpty()) {
                html.append("<code>").append(esc(e.code())).append("</code> ");
            }
            html.append(esc(e.message())).append("</li>");
        }
        html.append("</ul>");
    }

    private void renderAllResources(StringBuilder html, List<ResourceRow> resources, Instant now) {
        html.append("<h2 id=\"resources\">All resources</h2>\n<div id=\"all-resources\">\n");
        if (resources.isEmpty()) {
            html.append("<p>No resources found yet: nothing is deployed in the watched accounts and regions, ")
                    .append("or the first poll has not completed.</p>\n</div>\n");
            return;
        }
        Map<String, Map<String, List<ResourceRow>>> byKindAndStatus = resources.stream()
                .sorted(BY_IDENTITY)
                .collect(Collectors.groupingBy(ResourceRow::kind, TreeMap::new,
                        Collectors.groupingBy(ResourceRow::status, TreeMap::new, Collectors.toList())));
        byKindAndStatus.forEach((kind, byStatus) -> {
            boolean flows = byStatus.values().stream().flatMap(List::stream)
                    .anyMatch(r -> !r.sourceArn().isEmpty() || !r.targetArn().isEmpty());
            html.append("<section data-group=\"").append(esc(kind)).append("\">\n<h3>").append(esc(kind))
                    .append("</h3>\n");
            byStatus.forEach((status, rows) -> {
                // data-group names the group, so the live update keeps it open or closed as the reader left it
                html.append(rows.size() > OPEN_GROUP_LIMIT ? "<details" : "<details open")
                        .append(" data-group=\"").append(esc(kind + "/" + status)).append("\">")
                        .append("<summary>").append(esc(status)).append(" (").append(rows.size())
                        .append(")</summary>\n<table>\n<tr><th>Name</th><th>ARN</th>")
                        .append(flows ? "<th>Source &rarr; target</th>" : "").append("<th>Account</th>")
                        .append("<th>Region</th><th>Since</th><th>Errors</th></tr>\n");
                for (ResourceRow r : rows) {
                    html.append(rowStart(r))
                            .append("<td>").append(link(r)).append(listings(r))
                            .append("</td><td><code>").append(esc(r.arn()))
                            .append("</code></td>").append(flows ? "<td>" + flow(r) + "</td>" : "")
                            .append("<td class=\"nw\">").append(esc(r.accountId()))
                            .append("</td><td class=\"nw\">").append(esc(r.region()))
                            .append("</td><td>").append(since(r.statusSince(), now))
                            .append("</td><td>").append(r.errors().size()).append("</td></tr>\n");
                }
                html.append("</table></details>\n");
            });
            html.append("</section>\n");
        });
        html.append("</div>\n");
    }

    private void renderEvents(StringBuilder html, List<EventRow> events) {
        html.append("<h2 id=\"events\">Recent events</h2>\n");
        if (events.isEmpty()) {
            html.append("<p>No events yet.</p>\n");
            return;
        }
        html.append("<table>\n<tr><th>At</th><th>Event</th><th>Kind</th><th>Name</th><th>What</th></tr>\n");
        for (EventRow e : events) {
            html.append("<tr><td>").append(time(e.at()))
                    .append("</td><td>").append(esc(e.type()))
                    .append("</td><td>").append(esc(e.kind()))
                    .append("</td><td>").append(esc(e.name()))
                    .append("</td><td>").append(esc(e.message())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    /** The resource's name, linked to its page (relative, so it works under any path prefix). */
    private static String link(ResourceRow r) {
        return "<a href=\"" + esc(ResourcePage.href(r.arn())) + "\">" + esc(r.displayName()) + "</a>";
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    /** Absolute time plus its age relative to the page's generation time. */
    static String since(Instant at, Instant now) {
        if (at == null) {
            return "unknown";
        }
        return time(at) + " (" + DurationText.human(Duration.between(at, now)) + " ago)";
    }


    /** Escapes control and bidi characters, then the five that matter in element content and quoted attributes. */
    static String esc(String untrusted) {
        if (untrusted == null || untrusted.isEmpty()) {
            return "";
        }
        String text = InertText.escape(untrusted);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&': out.append("&amp;"); break;
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&#39;"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }
}
