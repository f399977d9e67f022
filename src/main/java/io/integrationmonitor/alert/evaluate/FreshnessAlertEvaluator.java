package io.integrationmonitor.alert.evaluate;

import io.integrationmonitor.freshness.FreshnessFinding;
import io.integrationmonitor.freshness.FreshnessVerdict;
import io.integrationmonitor.freshness.WatchedIntegration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The lifecycle of the freshness alerts ({@code stale}, {@code lagging}, {@code tables_failing}) of one (account,
 * region), as a pure function: the alerts held and what a freshness poll found in, new states and notifications
 * out. Keyed by (integration ARN, condition) under a prefix of their own, so no status poll evaluates, adopts or
 * resolves them. A finding fires at once (the decider already damped: N of M lag samples, k refresh intervals),
 * each receiver hears of it once, with reminders every {@code repeat_interval}; a finding that still holds
 * updates the alert's detail without a second notice; an alert without a finding resolves, "recovered" when its
 * integration was judged, "no longer watched" when it was not (no longer ACTIVE, or vanished). Routed and
 * silenced like every alert, by kind, condition, name, tags, account and region.
 */
public final class FreshnessAlertEvaluator {
    /** Resolutions of an integration the poll judged without the finding: "recovered", by condition. */
    static final Map<Condition, String> RECOVERED = Map.of(
            Condition.STALE, "recovered (synced again)",
            Condition.LAGGING, "recovered (lag back within its threshold)",
            Condition.TABLES_FAILING, "recovered (no table failing)");
    /** The resolution of an integration the poll did not judge; {@link Notification#title()} says so. */
    static final String NO_LONGER_WATCHED = Notification.NO_LONGER_WATCHED
            + " (the integration is no longer ACTIVE, or no longer reported by AWS)";

    private final RouteTable routes;
    private final Map<String, ReceiverPolicy> receivers;
    private final Supplier<String> ids;
    private final ReceiverNotices notices;

    /**
     * @param receivers by configured name
     * @param ids       idempotency keys of new notifications (unique)
     */
    public FreshnessAlertEvaluator(RouteTable routes, Map<String, ReceiverPolicy> receivers, Supplier<String> ids) {
        this.routes = routes;
        this.receivers = Map.copyOf(receivers);
        this.ids = ids;
        this.notices = new ReceiverNotices(routes, this.receivers);
    }

    /**
     * The alert key of an integration's freshness condition: never the integration's own status alert's (see
     * {@link Alert#resourceArn()}).
     */
    public static String key(String integrationArn, Condition condition) {
        return Alert.FRESHNESS_KEY_PREFIX + integrationArn + "|" + condition.label();
    }

    /**
     * Who holds the freshness alerts of one (account, region) ({@code alert_state.target_key}, and its
     * {@code alert_target} row): never a poll target's key.
     */
    public static String holder(String accountId, String region) {
        return "freshness/" + accountId + "/" + region;
    }

    /** The alert condition of a verdict. */
    public static Condition condition(FreshnessVerdict verdict) {
        return switch (verdict) {
            case STALE -> Condition.STALE;
            case LAGGING -> Condition.LAGGING;
            case TABLES_FAILING -> Condition.TABLES_FAILING;
        };
    }

    /**
     * One freshness poll of one (account, region).
     *
     * @param held       the alert states {@link #holder} holds, every one firing
     * @param findings   what holds now
     * @param judged     the ARNs the poll judged
     * @param silenced   whether a silence active now matches an alert
     * @param backlogged receivers with undelivered notifications: reminders to them wait
     */
    public Evaluation reconcile(String accountId, String region, List<AlertState> held,
                                List<FreshnessFinding> findings, Set<String> judged, Predicate<Alert> silenced,
                                Set<String> backlogged, Instant now) {
        Map<String, AlertState> previous = new LinkedHashMap<>();
        held.forEach(s -> previous.put(s.alert().key(), s));
        Map<String, Alert> found = new LinkedHashMap<>();
        for (FreshnessFinding f : findings) {
            Alert alert = alert(f, holder(accountId, region));
            found.put(alert.key(), alert);
        }
        NotificationBatch batch = new NotificationBatch(now, receivers, ids);
        List<AlertState> saved = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        List<String> silencedFor = new ArrayList<>();
        for (Alert fresh : found.values()) {
            AlertState prev = previous.remove(fresh.key());
            Alert alert = fresh.withStartsAt(prev == null ? now : prev.alert().startsAt());
            boolean isSilenced = silenced.test(alert);
            boolean wasSilenced = prev != null && prev.silenced();
            Map<String, Instant> lastSent = notices.fireOrRemind(alert, isSilenced, wasSilenced,
                    prev == null ? Map.of() : prev.lastSent(), backlogged, batch, silencedFor, now);
            saved.add(new AlertState(alert, true, isSilenced, prev == null ? 1 : prev.seenCount() + 1, 0, lastSent));
        }
        for (AlertState prev : previous.values()) {
            String why = judged.contains(prev.alert().arn())
                    ? RECOVERED.getOrDefault(prev.alert().condition(), "recovered") : NO_LONGER_WATCHED;
            notices.resolved(prev, prev.alert().resolved(now, why), batch);
            deleted.add(prev.alert().key());
        }
        return new Evaluation(saved, deleted, batch.notifications(), silencedFor);
    }

    /**
     * The alert of a finding, not yet started: the integration as the poll saw it (ACTIVE since when the status
     * polls saw it become so), the measured figure in {@link Alert#detail()} (failing tables' names included).
     */
    static Alert alert(FreshnessFinding f, String holder) {
        WatchedIntegration w = f.integration();
        Condition c = condition(f.verdict());
        return Alert.builder(key(w.arn(), c), c)
                .kind(w.kind().label()).name(w.name()).arn(w.arn()).accountId(w.accountId()).region(w.region())
                .targetKey(holder).status("ACTIVE").statusSince(w.activeSince()).tags(w.tags())
                .detail(f.detail())
                .build();
    }
}
