package io.integrationmonitor.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.alert.evaluate.AlertEvaluator;
import io.integrationmonitor.alert.evaluate.FreshnessAlertEvaluator;
import io.integrationmonitor.alert.evaluate.Json;
import io.integrationmonitor.alert.evaluate.ReceiverPolicy;
import io.integrationmonitor.alert.evaluate.RouteTable;
import io.integrationmonitor.alert.evaluate.TableAlertEvaluator;
import io.integrationmonitor.alert.outbox.AlertMetrics;
import io.integrationmonitor.alert.outbox.Outbox;
import io.integrationmonitor.alert.outbox.OutboxDispatcher;
import io.integrationmonitor.alert.outbox.ReceiverLeases;
import io.integrationmonitor.alert.receiver.Receiver;
import io.integrationmonitor.alert.receiver.Receivers;
import io.integrationmonitor.alert.silence.SilenceStore;
import io.integrationmonitor.alert.silence.Silences;
import io.integrationmonitor.config.AlertingConfig;
import io.integrationmonitor.freshness.FreshnessAlertSink;
import io.integrationmonitor.state.Database;
import io.integrationmonitor.state.Jdbc;
import io.integrationmonitor.state.TableDecision;
import io.integrationmonitor.state.TableIngestionStore;
import io.micrometer.core.instrument.MeterRegistry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Alerting wired together: subscribe {@link #engine()} to the event bus, serve {@link #silences()} at
 * {@code /api/v1/silences}, {@link #start()} the dispatcher, and {@link #close(Duration)} on shutdown.
 */
public final class Alerting implements AutoCloseable {
    private final AlertEngine engine;
    private final OutboxDispatcher dispatcher;
    private final Silences silences;
    private final TableAlertsFactory tableAlerts;
    private final FreshnessAlerts freshness;

    private Alerting(AlertEngine engine, OutboxDispatcher dispatcher, Silences silences,
                     TableAlertsFactory tableAlerts, FreshnessAlerts freshness) {
        this.engine = engine;
        this.dispatcher = dispatcher;
        this.silences = silences;
        this.tableAlerts = tableAlerts;
        this.freshness = freshness;
    }

    /** Builds the table-event edge over this alerting's store, outbox, silences and routes. */
    @FunctionalInterface
    private interface TableAlertsFactory {
        TableIngestionAlerts over(TableIngestionStore tables, Consumer<TableDecision> applied);
    }

    /** {@link #create(AlertingConfig, Database, Map, MeterRegistry, Clock, String)} with a generated replica id. */
    public static Alerting create(AlertingConfig config, Database database, Map<String, Receiver> receivers,
                                  MeterRegistry registry, Clock clock) {
        return create(config, database, receivers, registry, clock, generatedReplicaId());
    }

    /**
     * @param receivers from {@link Receivers#create}
     * @param clock     drives lifecycle timing, retries, delivery leases and silences
     * @param replicaId this replica's unique name among those sharing the database (the cluster's instance
     *                  id); recorded as the holder of delivery leases
     */
    public static Alerting create(AlertingConfig config, Database database, Map<String, Receiver> receivers,
                                  MeterRegistry registry, Clock clock, String replicaId) {
        return create(config, database, receivers, registry, clock, replicaId, OutboxDispatcher.DEFAULT_LEASE);
    }

    /**
     * The daemon's alerting.
     *
     * @param replicaId as {@link #create(AlertingConfig, Database, Map, MeterRegistry, Clock, String)}; null: generated
     * @param polled    the keys of the targets this monitor polls: only they own an integration several list
     *                  ({@code detect.Listings}); a target dropped from the configuration keeps its last rows,
     *                  but no longer owns what it listed
     */
    public static Alerting create(AlertingConfig config, Database database, Map<String, Receiver> receivers,
                                  MeterRegistry registry, Clock clock, String replicaId, Set<String> polled) {
        Set<String> keys = Set.copyOf(polled);
        return create(config, database, receivers, registry, clock,
                replicaId == null ? generatedReplicaId() : replicaId, OutboxDispatcher.DEFAULT_LEASE, keys::contains);
    }

    static Alerting create(AlertingConfig config, Database database, Map<String, Receiver> receivers,
                           MeterRegistry registry, Clock clock, String replicaId, Duration lease) {
        return create(config, database, receivers, registry, clock, replicaId, lease, target -> true);
    }

    static Alerting create(AlertingConfig config, Database database, Map<String, Receiver> receivers,
                           MeterRegistry registry, Clock clock, String replicaId, Duration lease,
                           Predicate<String> polled) {
        if (replicaId == null || replicaId.isBlank() || replicaId.length() > 256) {
            throw new IllegalArgumentException("replica id must be 1 to 256 characters");
        }
        ObjectMapper json = Json.newMapper();
        Jdbc jdbc = new Jdbc(database.dataSource());
        AlertStore store = new AlertStore(jdbc, json);
        Outbox outbox = new Outbox(jdbc, json);
        ReceiverLeases leases = new ReceiverLeases(jdbc, outbox);
        if (database.dialect() == Database.Dialect.H2) {
            // One process owns an embedded database: leases found at start belong to a process that died,
            // and its interrupted send can be repeated at once instead of after the lease.
            leases.releaseAllLeases();
        }
        Silences silences = new Silences(config.silences(), new SilenceStore(jdbc, json));
        AlertMetrics metrics = new AlertMetrics(registry, receivers.keySet());
        OutboxDispatcher dispatcher = new OutboxDispatcher(receivers, outbox, leases, config, clock, metrics,
                RandomGenerator.getDefault(), replicaId, lease);
        AlertEvaluator evaluator = new AlertEvaluator(config, new RouteTable(config), policies(config, receivers),
                () -> UUID.randomUUID().toString());
        AlertEngine engine = new AlertEngine(evaluator, jdbc, store, outbox, silences, metrics, clock,
                dispatcher::wakeUp, polled);
        metrics.refreshFiring(store::firingCounts);
        TableAlertEvaluator tableEvaluator = new TableAlertEvaluator(new RouteTable(config),
                policies(config, receivers), () -> UUID.randomUUID().toString());
        TableAlertsFactory tableAlerts = (tables, applied) -> new TableIngestionAlerts(jdbc, tables, tableEvaluator,
                store, outbox, silences, metrics, clock, dispatcher::wakeUp, applied);
        FreshnessAlertEvaluator freshnessEvaluator = new FreshnessAlertEvaluator(new RouteTable(config),
                policies(config, receivers), () -> UUID.randomUUID().toString());
        FreshnessAlerts freshness = new FreshnessAlerts(jdbc, freshnessEvaluator, store, outbox, silences, metrics,
                dispatcher::wakeUp);
        return new Alerting(engine, dispatcher, silences, tableAlerts, freshness);
    }

    private static Map<String, ReceiverPolicy> policies(AlertingConfig config, Map<String, Receiver> receivers) {
        Map<String, ReceiverPolicy> policies = new HashMap<>();
        receivers.forEach((name, r) -> policies.put(name,
                new ReceiverPolicy(r.sendResolved(), r.resendInterval().orElse(config.repeatInterval()))));
        return policies;
    }

    /** Host name plus a random suffix: unique per process. */
    static String generatedReplicaId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException | SecurityException e) {
            host = "localhost";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public AlertEngine engine() {
        return engine;
    }

    /**
     * The {@code events.TableIngestions} seam with its alerts: each table event, its state and its
     * {@code table_ingestion_failed} alert commit in one transaction. Subscribe the result to the event bus too:
     * it resolves the table alerts of an integration a complete poll saw vanish.
     *
     * @param applied told each committed decision, after the commit (metrics)
     */
    public TableIngestionAlerts tableIngestions(TableIngestionStore tables, Consumer<TableDecision> applied) {
        return tableAlerts.over(tables, applied);
    }

    /**
     * The {@code freshness.FreshnessAlertSink} seam: each freshness poll's findings of one (account, region)
     * become its {@code stale}, {@code lagging} and {@code tables_failing} alerts, their states and notifications
     * committed in one transaction.
     */
    public FreshnessAlertSink freshness() {
        return freshness;
    }

    public OutboxDispatcher dispatcher() {
        return dispatcher;
    }

    /** Config and run-time silences: what {@code /api/v1/silences} lists, creates and deletes. */
    public Silences silences() {
        return silences;
    }

    /** Starts delivering (one worker per receiver). */
    public void start() {
        dispatcher.start();
    }

    /** Starts no new send from now on (the first step of a clean stop); see {@link OutboxDispatcher#stop()}. */
    public void stopSending() {
        dispatcher.stop();
    }

    /** Stops at once: a send in flight is interrupted and repeated later. */
    @Override
    public void close() {
        dispatcher.close();
    }

    /**
     * A clean stop: sends in flight may finish until {@code grace} after {@link #stopSending()} (or this
     * call); see {@link OutboxDispatcher#close(Duration)}.
     */
    public void close(Duration grace) {
        dispatcher.close(grace);
    }
}
