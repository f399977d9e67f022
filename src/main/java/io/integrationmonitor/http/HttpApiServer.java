package io.integrationmonitor.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.integrationmonitor.config.HttpConfig;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.poll.PollTarget;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The HTTP endpoint of the daemon: {@code /metrics}, {@code /healthz}, {@code /readyz}, the JSON API
 * under {@code /api/v1} and whatever routes other packages add. Each built-in route is served only when
 * its input was given to the {@link Builder}.
 */
public final class HttpApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpApiServer.class);
    private static final int THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpApiServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static Builder builder(HttpConfig config) {
        return new Builder(config);
    }

    /** The bound port: the configured one, or the one the OS picked for port 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    public static final class Builder {
        private final HttpConfig config;
        private final Map<String, HttpHandler> exact = new LinkedHashMap<>();
        private final Map<String, HttpHandler> prefixes = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private PrometheusRegistry metrics;
        private Supplier<? extends Collection<PollTarget>> pendingTargets;
        private Supplier<List<KnownResource>> resources;
        private BiFunction<Instant, Integer, List<ResourceEvent>> eventsSince;

        private Builder(HttpConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Serves {@code GET /metrics} from this registry. */
        public Builder metrics(PrometheusRegistry registry) {
            this.metrics = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** Serves {@code GET /readyz}: 200 when the supplier returns no target, else 503 listing them. */
        public Builder readiness(Supplier<? extends Collection<PollTarget>> pendingTargets) {
            this.pendingTargets = Objects.requireNonNull(pendingTargets, "pendingTargets");
            return this;
        }

        /** Serves {@code GET /api/v1/resources} (wiring: {@code stateStore::allResources}). */
        public Builder resources(Supplier<List<KnownResource>> resources) {
            this.resources = Objects.requireNonNull(resources, "resources");
            return this;
        }

        /** Serves {@code GET /api/v1/events} (wiring: {@code stateStore::eventsSince}). */
        public Builder events(BiFunction<Instant, Integer, List<ResourceEvent>> eventsSince) {
            this.eventsSince = Objects.requireNonNull(eventsSince, "eventsSince");
            return this;
        }

        /** The clock for the events API's default and relative look-backs. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Adds a handler for exactly this path, any method: the handler checks the method itself and
         * must send a response. The exchange is closed after it returns.
         */
        public Builder route(String path, HttpHandler handler) {
            add(exact, path, handler);
            return this;
        }

        /** Adds a handler for every path starting with {@code prefix} (e.g. {@code /api/v1/silences/}). */
        public Builder routePrefix(String prefix, HttpHandler handler) {
            add(prefixes, prefix, handler);
            return this;
        }

        /** Binds and starts serving. */
        public HttpApiServer start() throws IOException {
            Responses responses = new Responses();
            Map<String, HttpHandler> routes = new LinkedHashMap<>(exact);
            addGet(routes, "/healthz", exchange -> responses.text(exchange, 200, "ok\n"), responses);
            if (metrics != null) {
                addGet(routes, "/metrics", new MetricsHandler(metrics), responses);
            }
            if (pendingTargets != null) {
                addGet(routes, "/readyz", new ReadyHandler(pendingTargets, responses), responses);
            }
            if (resources != null) {
                addGet(routes, "/api/v1/resources", new ResourcesHandler(resources, responses), responses);
            }
            if (eventsSince != null) {
                addGet(routes, "/api/v1/events", new EventsHandler(eventsSince, clock, responses), responses);
            }

            HttpServer server = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 0);
            server.createContext("/", new Router(routes, prefixes, responses));
            ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
            server.setExecutor(executor);
            server.start();
            HttpApiServer started = new HttpApiServer(server, executor);
            log.info("HTTP server listening on {}:{}", config.bindAddress(), started.port());
            return started;
        }

        private static void addGet(Map<String, HttpHandler> routes, String path, HttpHandler handler,
                                   Responses responses) {
            add(routes, path, Router.getOnly(handler, responses));
        }

        private static void add(Map<String, HttpHandler> routes, String path, HttpHandler handler) {
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/', got '" + path + "'");
            }
            if (routes.putIfAbsent(path, Objects.requireNonNull(handler, "handler")) != null) {
                throw new IllegalArgumentException("route " + path + " is already taken");
            }
        }

        private static ThreadFactory daemonThreads() {
            AtomicInteger n = new AtomicInteger();
            return runnable -> {
                Thread thread = new Thread(runnable, "http-api-" + n.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
        }
    }
}
