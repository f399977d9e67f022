package io.integrationmonitor.freshness;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Where a completed freshness poll's findings go: the alert edge ({@code alert.FreshnessAlerts}). Freshness alerts
 * are held per (account, region), keyed by integration ARN and condition, and never adopted or resolved by a
 * status poll.
 */
public interface FreshnessAlertSink {
    /**
     * Reconciles the freshness alerts of one (account, region) with what holds now: a finding without an alert
     * fires, one with an alert updates it (no second notice; reminders by {@code repeat_interval}), an alert
     * without a finding resolves: "recovered" when its integration was judged this poll, "no longer watched" when
     * the integration is not in {@code judged} (not ACTIVE any more, or vanished).
     *
     * @param findings what holds now, for integrations of this account and region
     * @param judged   the ARNs this poll judged (every watched integration)
     */
    void reconcile(String accountId, String region, List<FreshnessFinding> findings, Set<String> judged, Instant now);
}
