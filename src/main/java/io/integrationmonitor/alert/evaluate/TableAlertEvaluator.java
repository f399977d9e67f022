package io.integrationmonitor.alert.evaluate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The lifecycle of a {@code table_ingestion_failed} alert, as a pure function: keyed by (integration ARN, table),
 * it fires on the failed event itself (an AWS event is authoritative: no firing threshold), tells each receiver
 * once (a repeated failure of the same table updates the alert, no second notice), and resolves on the table's
 * completed event or when the integration is gone. Routed and silenced like every alert, by the integration's
 * kind and the condition.
 */
public final class TableAlertEvaluator {
    /** Resolutions: {@link Notification#title()} says "recovered" or "vanished" from their first word. */
    static final String RECOVERED = "recovered (the table's ingestion completed)";
    static final String VANISHED = "vanished (the integration is no longer reported by AWS)";

    private final RouteTable routes;
    private final Map<String, ReceiverPolicy> receivers;
    private final Supplier<String> ids;
    private final ReceiverNotices notices;

    /**
     * @param receivers by configured name
     * @param ids       idempotency keys of new notifications (unique)
     */
    public TableAlertEvaluator(RouteTable routes, Map<String, ReceiverPolicy> receivers, Supplier<String> ids) {
        this.routes = routes;
        this.receivers = Map.copyOf(receivers);
        this.ids = ids;
        this.notices = new ReceiverNotices(routes, this.receivers);
    }

    /** The alert key of a table: never an integration's (see {@link Alert#resourceArn()}). */
    public static String key(String integrationArn, String table) {
        return keyPrefix(integrationArn) + table + "|" + Condition.TABLE_INGESTION_FAILED.label();
    }

    /** What the keys of every table alert of one integration begin with. */
    public static String keyPrefix(String integrationArn) {
        return Alert.TABLE_KEY_PREFIX + integrationArn + "|";
    }

    /** Who holds table alerts ({@code alert_state.target_key}): never a poll target's key. */
    public static String holder(String accountId, String region) {
        return "events/" + accountId + "/" + region;
    }

    /**
     * A failed event of a table, new or already failing: fires to the receivers not told yet (all of them when
     * new; those a silence kept back otherwise), none twice.
     *
     * @param previous the table's alert state, null when none
     * @param silenced whether a silence active now matches an alert
     */
    public Evaluation failing(TableFailure failure, AlertState previous, Predicate<Alert> silenced, Instant now) {
        boolean wasFiring = previous != null && previous.firing();
        Alert alert = alert(failure).withStartsAt(wasFiring ? previous.alert().startsAt() : now);
        boolean isSilenced = silenced.test(alert);
        boolean wasSilenced = previous != null && previous.silenced();
        Map<String, Instant> lastSent = new HashMap<>(previous == null ? Map.of() : previous.lastSent());
        NotificationBatch batch = new NotificationBatch(now, receivers, ids);
        List<String> silencedFor = new ArrayList<>();
        for (String name : routes.receiversFor(alert)) {
            if (isSilenced) {
                if (!wasSilenced) {
                    silencedFor.add(name);
                }
            } else if (!lastSent.containsKey(name)) {
                batch.add(name, NotificationState.FIRING, false, alert);
                lastSent.put(name, now);
            }
        }
        int seen = previous == null ? 1 : previous.seenCount() + 1;
        return new Evaluation(List.of(new AlertState(alert, true, isSilenced, seen, 0, lastSent)), List.of(),
                batch.notifications(), silencedFor);
    }

    /** The table completed: resolved, told to the receivers that were told it fired (and want resolved notices). */
    public Evaluation recovered(AlertState previous, Instant now) {
        return resolve(previous == null ? List.of() : List.of(previous), now, RECOVERED);
    }

    /**
     * Reminders, run on each completed poll of the alerts' account and region (no AWS event repeats a failure):
     * each receiver is reminded every {@code repeat_interval} (its own if it has one; Alertmanager's
     * {@code resend_interval}, so Alertmanager does not expire the alert), unless it has a backlog; a receiver a
     * silence kept back hears of it once the silence ended.
     *
     * @param backlogged receivers with undelivered notifications
     */
    public Evaluation remind(List<AlertState> firing, Predicate<Alert> silenced, Set<String> backlogged,
                             Instant now) {
        NotificationBatch batch = new NotificationBatch(now, receivers, ids);
        List<AlertState> saved = new ArrayList<>();
        List<String> silencedFor = new ArrayList<>();
        for (AlertState prev : firing) {
            Alert alert = prev.alert();
            boolean isSilenced = silenced.test(alert);
            Map<String, Instant> lastSent = notices.fireOrRemind(alert, isSilenced, prev.silenced(), prev.lastSent(),
                    backlogged, batch, silencedFor, now);
            if (isSilenced != prev.silenced() || !lastSent.equals(prev.lastSent())) {
                saved.add(new AlertState(alert, true, isSilenced, prev.seenCount(), 0, lastSent));
            }
        }
        return new Evaluation(saved, List.of(), batch.notifications(), silencedFor);
    }

    /** The integration is gone: every alert of its tables resolves. */
    public Evaluation vanished(List<AlertState> previous, Instant now) {
        return resolve(previous, now, VANISHED);
    }

    private Evaluation resolve(List<AlertState> previous, Instant now, String why) {
        NotificationBatch batch = new NotificationBatch(now, receivers, ids);
        List<String> deleted = new ArrayList<>();
        for (AlertState prev : previous) {
            if (prev == null) {
                continue;
            }
            notices.resolved(prev, prev.alert().resolved(now, why), batch);
            deleted.add(prev.alert().key());
        }
        return new Evaluation(List.of(), deleted, batch.notifications(), List.of());
    }

    static Alert alert(TableFailure f) {
        Objects.requireNonNull(f, "failure");
        String code = Objects.requireNonNullElse(f.errorCode(), "");
        String message = Objects.requireNonNullElse(f.errorMessage(), "");
        List<String> errors = code.isEmpty() && message.isEmpty() ? List.of()
                : List.of(code.isEmpty() ? message : message.isEmpty() ? code : code + ": " + message);
        return Alert.builder(key(f.integrationArn(), f.table()), Condition.TABLE_INGESTION_FAILED)
                .kind(f.kind()).name(f.name()).arn(f.integrationArn()).accountId(f.accountId()).region(f.region())
                .targetKey(holder(f.accountId(), f.region())).status("FAILED")
                .statusSince(f.failedSince()).errors(errors).table(f.table())
                .build();
    }
}
