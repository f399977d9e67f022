package io.integrationmonitor;

import io.integrationmonitor.alert.Alerting;
import io.integrationmonitor.alert.receiver.Receiver;
import io.integrationmonitor.alert.receiver.Receivers;
import io.integrationmonitor.aws.AwsClientFactory;
import io.integrationmonitor.config.ClusterConfig;
import io.integrationmonitor.config.Durations;
import io.integrationmonitor.config.EventQueueConfig;
import io.integrationmonitor.config.EventsConfig;
import io.integrationmonitor.config.FreshnessConfig;
import io.integrationmonitor.config.TargetConfig;
import io.integrationmonitor.config.MonitorConfig;
import io.integrationmonitor.config.StartupException;
import io.integrationmonitor.detect.Detector;
import io.integrationmonitor.detect.EventBus;
import io.integrationmonitor.events.EventQueue;
import io.integrationmonitor.events.IntegrationPolls;
import io.integrationmonitor.events.SqsEventSource;
import io.integrationmonitor.freshness.FreshnessDecider;
import io.integrationmonitor.freshness.FreshnessPollResult;
import io.integrationmonitor.freshness.FreshnessReadings;
import io.integrationmonitor.freshness.FreshnessRunner;
import io.integrationmonitor.freshness.JdbcFreshnessReadings;
import io.integrationmonitor.freshness.WatchedIntegrations;
import io.integrationmonitor.http.HttpApiServer;
import io.integrationmonitor.http.ResourcePageHandler;
import io.integrationmonitor.http.SilencesHandler;
import io.integrationmonitor.http.StatusPageHandler;
import io.integrationmonitor.http.StatusScript;
import io.integrationmonitor.metrics.BuildVersion;
import io.integrationmonitor.metrics.FreshnessMetrics;
import io.integrationmonitor.metrics.FreshnessPollMetrics;
import io.integrationmonitor.metrics.PollMetrics;
import io.integrationmonitor.metrics.PrometheusMetrics;
import io.integrationmonitor.metrics.Readiness;
import io.integrationmonitor.metrics.ResourceStateMetrics;
import io.integrationmonitor.metrics.ScheduleMetrics;
import io.integrationmonitor.metrics.SharedStateRefresher;
import io.integrationmonitor.metrics.StateStoreMetrics;
import io.integrationmonitor.metrics.TableIngestionMetrics;
import io.integrationmonitor.pipeline.PollRunner;
import io.integrationmonitor.pipeline.TargetedPolls;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.Poller;
import io.integrationmonitor.poll.PollerFactory;
import io.integrationmonitor.poll.Source;
import io.integrationmonitor.schedule.PollScheduler;
import io.integrationmonitor.schedule.QuartzSettings;
import io.integrationmonitor.schedule.ScheduleLagListener;
import io.integrationmonitor.schedule.SchedulePlan;
import io.integrationmonitor.state.Database;
import io.integrationmonitor.state.DatabaseOpenException;
import io.integrationmonitor.state.Housekeeping;
import io.integrationmonitor.state.JdbcStateStore;
import io.integrationmonitor.state.StateStore;
import io.integrationmonitor.state.TableIngestionDecider;
import io.integrationmonitor.state.TableIngestionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The composition root: the one place that builds every part with {@code new} and connects them.
 * Used by {@code run}, {@code once} and {@code demo}, and by the end-to-end tests. Construction fails with a
 * {@link StartupException} naming the configuration key when the environment does not allow a start.
 *
 * <p>Somewhat over the house's ~300 lines on purpose: wiring every part in one readable place is this class's
 * whole job, and each of its methods builds one part; splitting it would scatter the one graph of the program.
 */
public final class Monitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Monitor.class);

    private static final String QUARTZ_NAME = "integration-monitor";
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);
    private static final Duration SHARED_STATE_REFRESH = Duration.ofSeconds(5);
    private static final Duration TABLE_METRICS_REFRESH = Duration.ofMinutes(1);
    /** Embedded database connections beyond one per poll thread. */
    private static final int EMBEDDED_SPARE_CONNECTIONS = 4;
    /** The first freshness poll waits for the first status polls, which tell it what is ACTIVE. */
    private static final Duration FRESHNESS_FIRST_DELAY = Duration.ofSeconds(20);

    private final MonitorConfig config;
    private final boolean clustered;
    private final Database database;
    private final ResourceStateMetrics resourceMetrics;
    private final Housekeeping housekeeping;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final PrometheusMetrics metrics;
    private final StateStore store;
    private final EventBus bus;
    private final List<PollRunner> runners;
    private final Readiness readiness;
    private final HttpApiServer http;
    private final Alerting alerting;
    private final SqsEventSource events;
    private TableIngestionMetrics tableMetrics;
    private final List<FreshnessRunner> freshnessRunners;
    private final FreshnessMetrics freshnessMetrics;
    private volatile PollScheduler scheduler;

    /**
     * What the environment provides besides the config: tests and the demo replace these.
     *
     * @param credentials   base credentials; null: the SDK's default chain
     * @param daemon        serve HTTP and send alerts (off for the one-shot {@code once} check)
     * @param inMemoryState keep state in memory only (the {@code once} command)
     */
    public record Environment(Clock clock, AwsCredentialsProvider credentials, boolean daemon, boolean inMemoryState) {
        public static Environment production() {
            return new Environment(Clock.systemUTC(), null, true, false);
        }
    }

    private Monitor(MonitorConfig config, Environment env) {
        this.config = config;
        try {
            metrics = track(PrometheusMetrics.create());
            var registry = metrics.meterRegistry();
            clustered = config.cluster().enabled() && !env.inMemoryState();
            database = track(openDatabase(config, env));
            store = track(new JdbcStateStore(database));
            bus = new EventBus();
            AwsClientFactory aws = track(env.credentials() == null
                    ? new AwsClientFactory(config.aws(), registry)
                    : new AwsClientFactory(config.aws(), registry, env.credentials()));
            // no region or no credentials: a StartupException naming what to set
            PollerFactory pollerFactory = new PollerFactory(config, aws, env.clock());
            List<Poller> pollers = pollerFactory.create();
            List<PollTarget> targets = pollers.stream().map(Poller::target).toList();
            readiness = new Readiness(targets);
            bus.subscribe(readiness);
            resourceMetrics = new ResourceStateMetrics(metrics, config.metrics().stateSets());
            bus.subscribe(resourceMetrics);
            bus.subscribe(new PollMetrics(metrics, targets));
            Detector detector = new Detector(config.stuck());
            List<PollRunner> built = new ArrayList<>();
            for (Poller poller : pollers) {
                built.add(new PollRunner(poller, store, detector, bus, env.clock(),
                        pollerFactory.principalOf(poller.target())));
            }
            runners = List.copyOf(built);
            EventsConfig eventsConfig = config.events();
            boolean consumeEvents = eventsConfig.enabled() && env.daemon();
            TableIngestionStore tables = consumeEvents ? new TableIngestionStore(database, new TableIngestionDecider(),
                    eventsConfig.maxFailingTablesPerIntegration(), eventsConfig.dedupWindow(), env.clock()) : null;
            housekeeping = track(new Housekeeping(store, database, config.state().eventRetention(), env.clock(),
                    tables));
            if (!env.inMemoryState()) {
                StateStoreMetrics.register(registry, database::sizeBytes);
            }
            if (env.daemon()) {
                Map<String, Receiver> receivers = Receivers.create(config.alerting(), aws::sns, env.clock());
                String instanceId = config.cluster().instanceId();
                // only the polled targets own an integration several list (a dropped one's rows stay behind)
                Alerting created = Alerting.create(config.alerting(), database, receivers, registry, env.clock(),
                        ClusterConfig.AUTO_INSTANCE_ID.equals(instanceId) ? null : instanceId,
                        targets.stream().map(PollTarget::key).collect(Collectors.toSet()));
                alerting = created;
                // A send in flight may finish within the grace (counted from stopSending() in close(), so it
                // overlaps the scheduler's); only then is its receiver's lease handed back.
                track(() -> created.close(SHUTDOWN_GRACE));
                bus.subscribe(alerting.engine());
                // Clustered, HTTP reads get a small pool of their own that gives up quickly: while PostgreSQL
                // is unreachable the API and the status page answer 503 at once (from the last known state).
                StateStore reads = clustered ? track(new JdbcStateStore(track(database.readPool()))) : store;
                events = consumeEvents ? eventSource(eventsConfig, aws, tables, env.clock()) : null;
                http = track(startHttp(config, metrics, readiness, eventQueueNotes(events), reads, alerting,
                        env.clock()));
            } else {
                alerting = null;
                events = null;
                http = null;
            }
            FreshnessConfig freshness = config.freshness();
            if (freshness.enabled()) {
                FreshnessReadings readings = new JdbcFreshnessReadings(database);
                freshnessMetrics = track(new FreshnessMetrics(metrics, readings, freshness.tableLabels()));
                freshnessRunners = freshnessRunners(freshness, aws, pollerFactory, readings, env.clock());
            } else {
                freshnessMetrics = null;
                freshnessRunners = List.of();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * One freshness runner per (account, region) the status polls cover, with that target's credentials; the
     * integrations it watches are the ACTIVE ones those polls know. Findings alert only in a daemon.
     */
    private List<FreshnessRunner> freshnessRunners(FreshnessConfig freshness, AwsClientFactory aws,
                                                   PollerFactory pollerFactory, FreshnessReadings readings,
                                                   Clock clock) {
        Map<String, List<PollTarget>> places = new LinkedHashMap<>();
        for (PollTarget target : pollerFactory.targets()) {
            places.computeIfAbsent(FreshnessRunner.key(target.accountId(), target.region()), k -> new ArrayList<>())
                    .add(target);
        }
        FreshnessDecider decider = new FreshnessDecider(freshness);
        FreshnessPollMetrics pollMetrics = new FreshnessPollMetrics(metrics);
        List<FreshnessRunner> built = new ArrayList<>();
        for (List<PollTarget> targets : places.values()) {
            PollTarget place = targets.get(0);
            // what this place's own status polls know, not the whole estate on every freshness poll
            WatchedIntegrations watched = new WatchedIntegrations(() -> targets.stream()
                    .flatMap(t -> store.knownResources(t).values().stream()).toList());
            TargetConfig targetConfig = pollerFactory.targetConfigOf(place);
            built.add(new FreshnessRunner(place.accountId(), place.region(), aws.cloudWatch(targetConfig,
                    place.region()), watched, readings, decider, alerting == null ? null : alerting.freshness(),
                    freshness, pollMetrics, clock));
        }
        return List.copyOf(built);
    }

    private static Database openDatabase(MonitorConfig config, Environment env) {
        if (env.inMemoryState()) {
            return Database.inMemory();
        }
        ClusterConfig cluster = config.cluster();
        try {
            if (cluster.enabled()) {
                return Database.postgres(cluster.jdbcUrl(), cluster.username(), cluster.password(), cluster.poolSize());
            }
            // every poll thread commits, and housekeeping, alert delivery, the event consumer and the API read
            return Database.embedded(config.state().dataDir(), config.aws().maxConcurrentPolls() + EMBEDDED_SPARE_CONNECTIONS);
        } catch (DatabaseOpenException e) {
            throw StartupFailures.database(e, cluster.enabled());
        }
    }

    /**
     * The SQS consumer over the seams: targeted polls (a target no event settles gets its scheduled job fired now),
     * table events with their alerts, receipts in the shared state. Each queue is read with its target's
     * credentials; {@code MonitorConfig} has already checked that the target index exists.
     */
    private SqsEventSource eventSource(EventsConfig eventsConfig, AwsClientFactory aws, TableIngestionStore tables,
                                       Clock clock) {
        TargetedPolls targeted = new TargetedPolls(runners, target -> {
            PollScheduler running = scheduler;
            if (running != null) {
                running.pollNow(target.key());
            }
        });
        IntegrationPolls polls = (account, region, arn) ->
                IntegrationPolls.Outcome.valueOf(targeted.pollNow(account, region, arn).name());
        TableIngestionMetrics tableMetrics = track(new TableIngestionMetrics(metrics.meterRegistry(), tables,
                eventsConfig.tableLabels()));
        this.tableMetrics = tableMetrics;
        var tableIngestions = alerting.tableIngestions(tables, tableMetrics::applied);
        bus.subscribe(tableIngestions);
        List<EventQueue> queues = new ArrayList<>();
        for (EventQueueConfig q : eventsConfig.queues()) {
            String url = q.url().toString();
            queues.add(new EventQueue(EventQueue.nameOf(url), url, aws.sqs(config.targets().get(q.target()), q.region())));
        }
        return new SqsEventSource(queues, polls, tableIngestions, tables.receipts(), eventsConfig.waitTime(),
                eventsConfig.maxMessages(), metrics.meterRegistry(), clock);
    }

    /** Queue names are bounded by the config's URL pattern (letters, digits, - and _): safe to show as they are. */
    private static Supplier<List<String>> eventQueueNotes(SqsEventSource events) {
        if (events == null) {
            return List::of;
        }
        return () -> events.unreadableQueues().stream()
                .map(q -> "event queue " + q + " cannot be read: events wait, polls go on").toList();
    }

    private static HttpApiServer startHttp(MonitorConfig config, PrometheusMetrics metrics, Readiness readiness,
                                           Supplier<List<String>> readinessNotes,
                                           StateStore store, Alerting alerting, Clock clock) {
        SilencesHandler silences = new SilencesHandler(alerting.silences(), clock);
        try {
            return HttpApiServer.builder(config.http())
                    .clock(clock)
                    .externalUrl(config.alerting().externalUrl())
                    .metrics(metrics.exposition())
                    .readiness(readiness::pending)
                    .readinessNotes(readinessNotes)
                    .resources(store::allResources)
                    .events(store::events)
                    .route("/", new StatusPageHandler(store::allResources, store::eventsSince, store::targetHealth,
                            alerting.engine()::alerts, StatusPageHandler.silenceRows(alerting.silences()),
                            BuildVersion.fromClasspath(), clock))
                    .route(StatusScript.PATH, new StatusScript())
                    .route(ResourcePageHandler.PATH, new ResourcePageHandler(store::allResources, store::events, clock))
                    .alerts(alerting.engine()::alerts)
                    .route("/api/v1/silences", silences)
                    .routePrefix("/api/v1/silences/", silences)
                    .start();
        } catch (java.io.IOException e) {
            throw StartupFailures.http(config.http(), e);
        }
    }

    /** The HTTP server; null when not a daemon. */
    HttpApiServer httpServer() {
        return http;
    }

    public static Monitor create(MonitorConfig config, Environment env) {
        return new Monitor(config, env);
    }

    /** Starts delivering queued alert notifications (one worker per receiver). */
    public void startAlertDelivery() {
        if (alerting != null) {
            alerting.start();
        }
    }

    /**
     * Starts alert delivery, housekeeping and the Quartz schedule: one job per target, on its phase of the
     * {@link SchedulePlan} (the targets of one interval spread evenly over it), the first poll right away.
     * Clustered, the schedule lives in PostgreSQL and each poll runs on one replica; every replica refreshes
     * its metrics and readiness from the shared state.
     */
    public void startScheduling() {
        startAlertDelivery();
        housekeeping.start();
        int threads = Math.max(1, Math.min(runners.size(), config.aws().maxConcurrentPolls()));
        if (clustered) {
            // Quartz's scheduler, check-in and misfire threads hold connections of their own.
            threads = Math.max(1, Math.min(threads, config.cluster().poolSize() - 3));
        }
        SchedulePlan plan = schedulePlan();
        ScheduleLagListener lags = scheduleLags(threads);
        if (clustered) {
            ClusterConfig cluster = config.cluster();
            scheduler = track(new PollScheduler(QuartzSettings.clustered(QUARTZ_NAME, threads, cluster,
                    plan.shortestInterval()), database.dataSource(), SHUTDOWN_GRACE, lags));
            SharedStateRefresher refresher = track(new SharedStateRefresher(store, resourceMetrics, readiness,
                    runners.stream().map(PollRunner::target).toList()));
            refresher.start(SHARED_STATE_REFRESH);
        } else {
            scheduler = track(new PollScheduler(QuartzSettings.inMemory(QUARTZ_NAME, threads, plan.shortestInterval()),
                    SHUTDOWN_GRACE, lags));
        }
        // one instant for every first poll: due together, they start in priority order
        Instant now = Instant.now();
        for (PollRunner runner : runners) {
            scheduler.schedule(plan.job(runner.target().key()), runner::runOnce, now);
        }
        for (FreshnessRunner runner : freshnessRunners) {
            scheduler.schedule(plan.job(runner.key()), () -> {
                runner.run();
                freshnessMetrics.requestRefresh(); // rendered off the poll threads, never waited for
            }, now.plus(FRESHNESS_FIRST_DELAY));
        }
        scheduler.start();
        if (freshnessMetrics != null && clustered) {
            // another replica may have polled: the gauges are read from the shared state (alone, the job above
            // refreshes them after each poll)
            freshnessMetrics.start(SHARED_STATE_REFRESH);
        }
        if (events != null) {
            // clustered, other replicas apply table events too: the failing-tables gauges are read from the state
            tableMetrics.start(clustered ? SHARED_STATE_REFRESH : TABLE_METRICS_REFRESH);
            events.start();
        }
        log.info("polling {} targets{}; metrics at {}", runners.size(), freshnessRunners.isEmpty() ? ""
                        : ", freshness of " + freshnessRunners.size() + " accounts and regions every "
                        + Durations.format(config.freshness().interval()),
                http == null ? "(no HTTP)" : (http.tls() ? "https://" : "http://") + config.http().bindAddress() + ":"
                        + http.port() + "/metrics");
    }

    /** Polls every target once, in parallel; returns the outcomes in target order. */
    public List<PollRunner.Outcome> pollAllOnce() {
        return inParallel(runners.stream().<Callable<PollRunner.Outcome>>map(r -> r::runOnce).toList(), "poll");
    }

    /**
     * Runs the tasks at most {@code aws.max_concurrent_polls} at a time and returns their answers in task order.
     *
     * @param what what a task is, for the message of a crash
     */
    private <T> List<T> inParallel(List<Callable<T>> tasks, String what) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.max(1, Math.min(tasks.size(), config.aws().maxConcurrentPolls())));
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            List<T> answers = new ArrayList<>();
            for (Future<T> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running a " + what, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(what + " crashed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Polls CloudWatch once for every (account, region), in parallel; the results in (account, region) order. */
    public List<FreshnessPollResult> pollFreshnessOnce() {
        try {
            return inParallel(freshnessRunners.stream().<Callable<FreshnessPollResult>>map(r -> r::runOnce).toList(),
                    "freshness poll");
        } finally {
            if (freshnessMetrics != null) {
                freshnessMetrics.refresh();
            }
        }
    }

    /** Every target's poll and every freshness poll, with its interval and priority. */
    private SchedulePlan schedulePlan() {
        List<SchedulePlan.Job> jobs = new ArrayList<>();
        for (PollRunner runner : runners) {
            PollTarget target = runner.target();
            jobs.add(new SchedulePlan.Job(target.key(), intervalOf(target), priorityOf(target.source())));
        }
        for (FreshnessRunner runner : freshnessRunners) {
            jobs.add(new SchedulePlan.Job(runner.key(), config.freshness().interval(), SchedulePlan.DEFAULT_PRIORITY));
        }
        return SchedulePlan.of(jobs);
    }

    /**
     * Which poll starts first when several are due at once: AppIntegrations' (ListDataIntegrations, then
     * ListDataIntegrationAssociations for each, in sequence) is the longest, and starting it first shortens the round.
     */
    static int priorityOf(Source source) {
        return source == Source.APPINTEGRATIONS_ASSOCIATIONS ? SchedulePlan.DEFAULT_PRIORITY + 5 : SchedulePlan.DEFAULT_PRIORITY;
    }

    /** The schedule's lag reports, into the schedule metrics (target polls only), which are registered here. */
    private ScheduleLagListener scheduleLags(int threads) {
        Map<String, PollTarget> targets = new LinkedHashMap<>();
        Map<PollTarget, Duration> intervals = new LinkedHashMap<>();
        for (PollRunner runner : runners) {
            targets.put(runner.target().key(), runner.target());
            intervals.put(runner.target(), intervalOf(runner.target()));
        }
        ScheduleMetrics scheduleMetrics = new ScheduleMetrics(metrics.meterRegistry(), intervals,
                Monitor::intervalKeyOf, threads, Clock.systemUTC());
        bus.subscribe(scheduleMetrics);
        return (key, lag) -> {
            PollTarget target = targets.get(key);
            if (target != null) {
                scheduleMetrics.started(target, lag);
            }
        };
    }

    private static String intervalKeyOf(Source source) {
        return PollerFactory.configKeyOf(source) + ".interval";
    }

    private Duration intervalOf(PollTarget target) {
        return switch (target.source()) {
            case GLUE_INTEGRATIONS -> config.sources().glueIntegrations().interval();
            case GLUE_INBOUND_INTEGRATIONS -> config.sources().glueInboundIntegrations().interval();
            case APPINTEGRATIONS_ASSOCIATIONS -> config.sources().appintegrations().interval();
            case RDS_INTEGRATIONS -> config.sources().rdsIntegrations().interval();
            case REDSHIFT_INTEGRATIONS -> config.sources().redshiftIntegrations().interval();
            case REDSHIFT_INBOUND_INTEGRATIONS -> config.sources().redshiftInboundIntegrations().interval();
        };
    }

    public List<PollRunner> runners() {
        return runners;
    }

    public StateStore store() {
        return store;
    }

    public EventBus bus() {
        return bus;
    }

    public PrometheusMetrics metrics() {
        return metrics;
    }

    /** The alerting engine and outbox; null in one-shot mode. */
    public Alerting alerting() {
        return alerting;
    }

    public boolean ready() {
        return readiness.isReady();
    }

    /** The bound HTTP port (useful with port 0); -1 when HTTP is off. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.push(resource);
        return resource;
    }

    /**
     * Stops consuming events (a handler under way commits first), alert sends from starting, then scheduling
     * (letting a running poll finish), HTTP, alert sends in flight (letting them finish), clients and the database.
     */
    @Override
    public void close() {
        if (events != null) {
            // first: an event handled now would poll and alert through what is closed below
            events.close();
        }
        if (alerting != null) {
            // At once: idle queues go to another replica while this one waits for its poll and sends.
            alerting.stopSending();
        }
        while (!resources.isEmpty()) {
            AutoCloseable r = resources.pop();
            try {
                r.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", r.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
