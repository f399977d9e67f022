package io.integrationmonitor.alert.receiver;

import io.integrationmonitor.alert.evaluate.Alert;
import io.integrationmonitor.alert.evaluate.Notification;
import io.integrationmonitor.alert.evaluate.NotificationState;
import io.integrationmonitor.poll.ResourceLinks;
import io.integrationmonitor.text.DurationText;
import io.integrationmonitor.text.InertText;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Wording shared by every receiver's rendering. Returns raw text: callers escape it for their format. */
final class AlertText {
    static final String TRUNCATED = "… [truncated]";

    private AlertText() {
    }

    /** E.g. {@code FAILED since 2024-05-01T10:00:00Z (3h 5m)}. */
    static String statusLine(Alert a, Instant now) {
        StringBuilder s = new StringBuilder(a.status().isEmpty() ? "unknown" : a.status());
        if (a.statusSince() != null) {
            s.append(" since ").append(a.statusSince().truncatedTo(ChronoUnit.SECONDS))
                    .append(" (").append(DurationText.human(Duration.between(a.statusSince(), now))).append(")");
        }
        return s.toString();
    }

    /**
     * The measured figure of a freshness alert, e.g. {@code Detail: last sync 4h12m ago, refresh interval 1h
     * (stale after 3h15m)}; may hold AWS text (table names). Only for alerts with a detail.
     */
    static String detailLine(Alert a) {
        return "Detail: " + a.detail();
    }

    /** What fired, or how it ended. */
    static String lifecycleLine(Alert a) {
        StringBuilder s = new StringBuilder("Alert ").append(a.condition()).append(", firing since ")
                .append(a.startsAt().truncatedTo(ChronoUnit.SECONDS));
        if (a.endsAt() != null) {
            s.append(", resolved at ").append(a.endsAt().truncatedTo(ChronoUnit.SECONDS));
            if (!a.resolution().isEmpty()) {
                s.append(": ").append(a.resolution());
            }
        }
        return s.toString();
    }

    /**
     * For a {@link NotificationState#CHANGED} notice: the condition the resource left, e.g.
     * {@code Changed from FAILED (alert failed, firing since 2024-05-01T10:00:00Z)}.
     */
    static String previousLine(Alert previous) {
        return "Changed from " + (previous.status().isEmpty() ? previous.condition() : previous.status())
                + " (alert " + previous.condition().label() + ", firing since "
                + previous.startsAt().truncatedTo(ChronoUnit.SECONDS) + ")";
    }

    /** What to do, for alerts that fire; nothing for resolved ones. */
    static Optional<String> hintLine(Notification n, Alert a) {
        return n.firing() ? Optional.of("What to do: " + Runbook.hint(a)) : Optional.empty();
    }

    /** The alert at {@code i}'s previous alert in a changed notice, if any. */
    static Optional<Alert> previous(Notification n, int i) {
        return n.changed() ? Optional.of(n.previous().get(i)) : Optional.empty();
    }

    /** A link to the resource in the AWS console (ARN deep link); empty for poll targets. */
    static Optional<String> consoleUrl(Alert a) {
        return ResourceLinks.console(a.arn());
    }

    /** A link to the resource's page on the monitor (under {@code alerting.external_url}); empty for poll targets. */
    static Optional<String> monitorUrl(URI externalUrl, Alert a) {
        return a.arn().isEmpty() ? Optional.empty() : Optional.of(ResourceLinks.page(externalUrl, a.arn()));
    }

    static List<String> errorLines(Alert a) {
        return new ArrayList<>(a.errors());
    }

    private static String inert(String s) {
        return InertText.escape(s);
    }


    /** Cuts {@code s} to at most {@code max} characters, ending with a visible marker when cut. */
    static String truncate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int keep = max - TRUNCATED.length();
        // Never split a surrogate pair.
        if (keep > 0 && Character.isHighSurrogate(s.charAt(keep - 1))) {
            keep--;
        }
        return s.substring(0, Math.max(0, keep)) + TRUNCATED;
    }

    /**
     * Plain multi-line rendering for e-mail-like receivers (SNS). Each value is made inert ({@link InertText})
     * before it is placed, so only this layout's own line breaks break lines.
     */
    static String plain(Notification n, int cap, URI externalUrl) {
        StringBuilder s = new StringBuilder(inert(n.title())).append("\n");
        List<Alert> alerts = n.alerts();
        int listed = Math.min(cap, alerts.size());
        for (int i = 0; i < listed; i++) {
            Alert a = alerts.get(i);
            s.append("\n").append(inert(a.displayName())).append(" (").append(inert(a.kind())).append(")\n");
            if (!a.arn().isEmpty()) {
                s.append("  ARN:      ").append(inert(a.arn())).append("\n");
            }
            s.append("  Account:  ").append(inert(a.accountId())).append("   Region: ").append(inert(a.region()))
                    .append("\n");
            if (!a.sourceAccountId().isEmpty()) {
                s.append("  Source account (owner): ").append(inert(a.sourceAccountId())).append("\n");
            }
            s.append("  Status:   ").append(inert(statusLine(a, n.createdAt()))).append("\n");
            if (!a.detail().isEmpty()) {
                s.append("  Detail:   ").append(truncate(inert(a.detail()), 3000)).append("\n");
            }
            if (!a.refreshInterval().isEmpty()) {
                s.append("  Refresh interval: ").append(inert(a.refreshInterval())).append("\n");
            }
            previous(n, i).ifPresent(p -> s.append("  ").append(inert(previousLine(p))).append("\n"));
            s.append("  ").append(inert(lifecycleLine(a))).append("\n");
            hintLine(n, a).ifPresent(h -> s.append("  ").append(h).append("\n"));
            for (String e : a.errors()) {
                s.append("  Error:    ").append(truncate(inert(e), 3000)).append("\n");
            }
            monitorUrl(externalUrl, a).ifPresent(u -> s.append("  Monitor:  ").append(u).append("\n"));
            consoleUrl(a).ifPresent(u -> s.append("  Console:  ").append(u).append("\n"));
        }
        if (alerts.size() > listed) {
            s.append("\n...and ").append(alerts.size() - listed).append(" more\n");
        }
        s.append("\nNotification ").append(n.idempotencyKey()).append(" from integration-monitor\n");
        return s.toString();
    }
}
