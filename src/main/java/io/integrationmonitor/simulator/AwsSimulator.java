package io.integrationmonitor.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpServer;
import io.integrationmonitor.config.StartupException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embedded AWS endpoint serving Glue, AppIntegrations, RDS, Redshift, SNS, SQS, STS and CloudWatch
 * ({@code GetMetricData}, series from the estate and {@link #freshness()}) on one port in their real wire
 * protocols, so the unmodified SDK clients (with {@code endpointOverride(endpoint())}) talk to it. When told to
 * ({@link #events()}), it also sends the EventBridge events of the estate's changes into its SQS queues.
 * Never verifies signatures; the SigV4 credential scope picks the (account, region) partition.
 *
 * <p>The JDK server writes headers and body separately: without {@code -Dsun.net.httpserver.nodelay=true}
 * (read once, when the JVM's first server starts) Nagle plus the client's delayed ACK adds ~40 ms to every
 * call. A library sets no system property: the entry points do ({@code cli/Main}, the benchmark harness,
 * the Maven test configuration).
 *
 * <p>Server threads: a fixed pool of {@code threads} (default {@value #DEFAULT_THREADS}). An SQS long poll
 * holds one for up to its WaitTimeSeconds, so at most half the pool waits in long polls at a time; further
 * receives answer at once (see {@link SqsApi}), and the other half always serves the polling APIs.
 */
public final class AwsSimulator implements AutoCloseable {
    public static final int DEFAULT_THREADS = 64;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Estate estate;
    private final Faults faults;
    private final CallCounters calls;
    private final SnsTopics sns;
    private final SqsQueues sqs;
    private final Identities identities;
    private final EventEmitter events;
    private final SimFreshness freshness;
    private final URI endpoint;

    private AwsSimulator(HttpServer server, ExecutorService executor, Estate estate, Faults faults, CallCounters calls,
                         SnsTopics sns, SqsQueues sqs, Identities identities, EventEmitter events,
                         SimFreshness freshness, URI endpoint) {
        this.server = server;
        this.executor = executor;
        this.estate = estate;
        this.faults = faults;
        this.calls = calls;
        this.sns = sns;
        this.sqs = sqs;
        this.identities = identities;
        this.events = events;
        this.freshness = freshness;
        this.endpoint = endpoint;
    }

    private static URI endpointOf(HttpServer server) {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + address.getPort());
    }

    /** Starts on loopback with an empty estate; port 0 picks a free port. */
    public static AwsSimulator start(int port) {
        return start("127.0.0.1", port, new Estate(), DEFAULT_THREADS);
    }

    public static AwsSimulator start(String bindAddress, int port, Estate estate, int threads) {
        return start(bindAddress, port, estate, threads, Clock.systemUTC());
    }

    /**
     * @param metricsClock CloudWatch's "now": no datapoint is newer, and {@link SimFreshness#resumeSyncing} resumes
     *                     then (a pinned clock makes every metric reproducible; STS keeps the real clock, so the
     *                     credentials it issues stay valid)
     */
    public static AwsSimulator start(String bindAddress, int port, Estate estate, int threads, Clock metricsClock) {
        SimFreshness freshness = new SimFreshness(metricsClock);
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        Faults faults = new Faults();
        CallCounters calls = new CallCounters();
        SnsTopics sns = new SnsTopics();
        SqsQueues sqs = new SqsQueues();
        Identities identities = new Identities(Estate.DEFAULT_ACCOUNT);
        EventEmitter events = EventEmitter.into(sqs);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bindAddress, port), 1024);
        } catch (IOException e) {
            // Named after the simulator command's options; the demo renames them to its own.
            throw StartupException.cannotListen("--port", "--bind", bindAddress, port, e);
        }
        URI endpoint = endpointOf(server);
        Dispatcher dispatcher = new Dispatcher(new GlueApi(estate, json), new AppIntegrationsApi(estate, json),
                new SnsApi(sns), new StsApi(identities, Clock.systemUTC()), new RdsApi(estate), new RedshiftApi(estate),
                new SqsApi(sqs, json, () -> endpoint, threads / 2), new CloudWatchApi(estate, freshness),
                new AdminApi(estate, faults, calls, sns, sqs, events, identities, freshness, json), identities, faults,
                calls);
        ExecutorService executor = Executors.newFixedThreadPool(threads, daemonThreads());
        server.createContext("/", dispatcher);
        server.setExecutor(executor);
        server.start();
        estate.addListener(events);
        return new AwsSimulator(server, executor, estate, faults, calls, sns, sqs, identities, events, freshness,
                endpoint);
    }

    /** The URI to pass to {@code endpointOverride} or {@code AWS_ENDPOINT_URL}. */
    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Estate estate() {
        return estate;
    }

    public Faults faults() {
        return faults;
    }

    public CallCounters calls() {
        return calls;
    }

    public SnsTopics sns() {
        return sns;
    }

    public SqsQueues sqs() {
        return sqs;
    }

    /**
     * The EventBridge events of the estate's changes into this simulator's SQS queues: off until
     * {@link EventEmitter#deliverTo} (or {@code POST /_simulator/events}).
     */
    public EventEmitter events() {
        return events;
    }

    /** The URL SQS gives the queue {@code name} of {@code account}: {@code <endpoint>/<account>/<name>}. */
    public String queueUrl(String account, String name) {
        return SqsApi.queueUrl(endpoint, account, name);
    }

    /** CloudWatch's zero-ETL metrics: syncing, lag and failing tables over time, refusals, the page size. */
    public SimFreshness freshness() {
        return freshness;
    }

    public Identities identities() {
        return identities;
    }

    @Override
    public void close() {
        estate.removeListener(events);
        events.close();
        server.stop(0);
        executor.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "aws-simulator-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
