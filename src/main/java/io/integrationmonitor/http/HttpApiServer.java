package io.integrationmonitor.http;

import com.sun.net.httpserver.HttpHandler;
import io.integrationmonitor.alert.AlertView;
import io.integrationmonitor.config.ConfigException;
import io.integrationmonitor.config.ConfigProblem;
import io.integrationmonitor.config.HttpConfig;
import io.integrationmonitor.config.WebConfig;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.state.EventQuery;
import org.eclipse.jetty.http.spi.JettyHttpServer;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The HTTP endpoint of the daemon: {@code /metrics}, {@code /healthz}, {@code /readyz}, the JSON API
 * under {@code /api/v1} and whatever routes other packages add. Each built-in route is served only when
 * its input was given to the {@link Builder}. Every request passes the {@link AccessGuard} first.
 *
 * <p>Why Jetty: the JDK's {@code com.sun.net.httpserver} server reads request headers on its worker threads
 * with no per-connection read timeout and no connection limit (only JVM-wide system properties), so four
 * clients sending a byte each held all four workers and the probes timed out. Jetty parses requests on
 * non-blocking selectors, so a slow client holds a connection but no thread until its headers are complete,
 * and it has the knobs: a per-connection idle timeout, a request header size limit, a network connection
 * limit, a bounded thread pool, and TLS with reloadable certificates. Jetty's {@code jetty-http-spi}
 * implements the {@code com.sun.net.httpserver} API on top of it, so the handlers stayed as they were. Its one
 * wart: it registers itself as the JVM-wide {@code HttpServerProvider}; the jar drops that registration (shade
 * filter in the pom) and the tests pin the JDK's provider, so {@code HttpServer.create()} elsewhere (the AWS
 * simulator, test fakes) keeps the JDK server, and this class creates Jetty's explicitly.
 *
 * <p>What a slow client can and cannot do (see {@link ServerLimits}): it cannot hold a thread while it sends
 * its request, nor hold a connection longer than the idle timeout without sending, nor take longer than the
 * read deadline for one request's headers or body ({@link RequestReadDeadline}). It can still open up to the
 * connection limit of connections and keep re-opening them; beyond the limit, new connections (including
 * probes) wait in the accept queue. That last line of defence belongs to the network (a NetworkPolicy, see
 * deploy/kubernetes), not to the process.
 */
public final class HttpApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpApiServer.class);
    private static final Duration TLS_RELOAD_CHECK = Duration.ofSeconds(30);

    /** Where the OpenAPI document of every route is served (a static resource next to this class). */
    static final String OPENAPI_PATH = "/api/v1/openapi.json";

    private final Server server;
    private final ServerConnector connector;
    private final ServerTls tls;
    private final List<String> paths;

    private HttpApiServer(Server server, ServerConnector connector, ServerTls tls, List<String> paths) {
        this.server = server;
        this.connector = connector;
        this.tls = tls;
        this.paths = paths;
    }

    /** Every served path: exact routes as they are, prefix routes (other than {@code /}) ending in {@code /}. */
    public List<String> paths() {
        return paths;
    }

    public static Builder builder(HttpConfig config) {
        return new Builder(config);
    }

    /** The bound port: the configured one, or the one the OS picked for port 0. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Whether the port speaks TLS (the web config file has {@code tls_server_config}). */
    public boolean tls() {
        return tls != null;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("stopping the HTTP server: {}", e.toString());
        } finally {
            if (tls != null) {
                tls.close();
            }
        }
    }

    public static final class Builder {
        private final HttpConfig config;
        private final Map<String, HttpHandler> exact = new LinkedHashMap<>();
        private final Map<String, HttpHandler> prefixes = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private Exposition metrics;
        private Supplier<? extends Collection<PollTarget>> pendingTargets;
        private Supplier<? extends Collection<String>> readinessNotes = List::of;
        private Supplier<List<KnownResource>> resources;
        private Function<EventQuery, List<EventQuery.Stored>> events;
        private Supplier<List<AlertView>> alerts;
        private URI externalUrl;
        private ServerLimits limits = ServerLimits.DEFAULT;
        private Duration tlsReloadCheck = TLS_RELOAD_CHECK;

        private Builder(HttpConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Serves {@code GET /metrics} from this exposition. */
        public Builder metrics(Exposition exposition) {
            this.metrics = Objects.requireNonNull(exposition, "exposition");
            return this;
        }

        /** Serves {@code GET /readyz}: 200 when the supplier returns no target, else 503 listing them. */
        public Builder readiness(Supplier<? extends Collection<PollTarget>> pendingTargets) {
            this.pendingTargets = Objects.requireNonNull(pendingTargets, "pendingTargets");
            return this;
        }

        /**
         * Lines {@code /readyz} adds to its body without failing readiness (e.g. an event queue that cannot be
         * read: polls still cover every target). Each line must already be safe to show.
         */
        public Builder readinessNotes(Supplier<? extends Collection<String>> notes) {
            this.readinessNotes = Objects.requireNonNull(notes, "notes");
            return this;
        }

        /** Serves {@code GET /api/v1/resources} (wiring: {@code stateStore::allResources}). */
        public Builder resources(Supplier<List<KnownResource>> resources) {
            this.resources = Objects.requireNonNull(resources, "resources");
            return this;
        }

        /** Serves {@code GET /api/v1/events} (wiring: {@code stateStore::events}). */
        public Builder events(Function<EventQuery, List<EventQuery.Stored>> events) {
            this.events = Objects.requireNonNull(events, "events");
            return this;
        }

        /** Serves {@code GET /api/v1/alerts} (wiring: {@code alerting.engine()::alerts}). */
        public Builder alerts(Supplier<List<AlertView>> alerts) {
            this.alerts = Objects.requireNonNull(alerts, "alerts");
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

        /**
         * The monitor's own origin ({@code alerting.external_url}): a request whose {@code Origin} header names
         * another is refused. Without it, every request carrying an {@code Origin} is.
         */
        public Builder externalUrl(URI externalUrl) {
            this.externalUrl = Objects.requireNonNull(externalUrl, "externalUrl");
            return this;
        }

        Builder limits(ServerLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        Builder tlsReloadCheck(Duration period) {
            this.tlsReloadCheck = Objects.requireNonNull(period, "period");
            return this;
        }

        /**
         * Reads the web config file (if any), binds and starts serving.
         *
         * @throws ConfigException the web config file, its certificate or key, or {@code protect_reads} without
         *                         credentials is unusable; the problems name the key
         * @throws IOException     the address cannot be bound
         */
        public HttpApiServer start() throws IOException {
            WebConfig web = config.webConfigFile() == null ? null : WebConfig.load(config.webConfigFile());
            Credentials credentials = new Credentials(web == null ? Map.of() : web.basicAuthUsers(),
                    config.auth().bearerTokens());
            if (config.auth().protectReads() && !credentials.configured()) {
                throw new ConfigException("configuration", List.of(new ConfigProblem("http.auth.protect_reads",
                        "needs credentials: basic_auth_users in http.web_config_file, or http.auth.bearer_tokens")));
            }
            ServerTls tls = web == null || web.tlsServerConfig() == null ? null
                    : ServerTls.create(web.tlsServerConfig(), "web config file " + config.webConfigFile());
            ResponseHeaders headers = new ResponseHeaders(
                    web == null ? Map.of() : web.httpServerConfig().headers());

            Responses responses = new Responses();
            Map<String, HttpHandler> routes = new LinkedHashMap<>(exact);
            addGet(routes, "/healthz", exchange -> responses.text(exchange, 200, "ok\n"), responses);
            byte[] openApi = openApiDocument();
            addGet(routes, OPENAPI_PATH, exchange -> responses.json(exchange, 200, openApi), responses);
            if (metrics != null) {
                addGet(routes, "/metrics", new MetricsHandler(metrics, responses), responses);
            }
            if (pendingTargets != null) {
                addGet(routes, "/readyz", new ReadyHandler(pendingTargets, readinessNotes, responses), responses);
            }
            if (resources != null) {
                addGet(routes, "/api/v1/resources", new ResourcesHandler(resources, clock, responses), responses);
            }
            if (events != null) {
                addGet(routes, "/api/v1/events", new EventsHandler(events, clock, responses), responses);
            }
            if (alerts != null) {
                addGet(routes, "/api/v1/alerts", new AlertsHandler(alerts, responses), responses);
            }
            HttpHandler root = new AccessGuard(new Router(routes, prefixes, responses), credentials,
                    config.auth().protectReads(), externalUrl, responses);

            QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), 4);
            threads.setName("http");
            threads.setDaemon(true);
            Server server = new Server(threads);
            server.setStopTimeout(2_000);
            HttpConfiguration http = new HttpConfiguration();
            http.setRequestHeaderSize(limits.requestHeaderBytes());
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
            HttpConnectionFactory http11 = new HttpConnectionFactory(http);
            ConnectionFactory[] factories;
            if (tls != null) {
                // No SNI host check: scrapers address pods by IP, which certificates rarely name.
                http.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
                factories = new ConnectionFactory[]{
                        new SslConnectionFactory(tls.sslContextFactory(), http11.getProtocol()), http11};
            } else {
                factories = new ConnectionFactory[]{http11};
            }
            // One acceptor, one selector: plenty for a monitoring endpoint, and 2 threads of the pool.
            ServerConnector connector = new ServerConnector(server, 1, 1, factories);
            connector.setHost(config.bindAddress());
            connector.setPort(config.port());
            connector.setIdleTimeout(limits.idleTimeout().toMillis());
            server.addConnector(connector);
            server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
            server.addBean(new RequestReadDeadline(connector, limits.requestReadTimeout()));
            ContextHandlerCollection contexts = new ContextHandlerCollection();
            server.setHandler(headers.handler(contexts));
            server.setErrorHandler(headers.errorHandler());
            new JettyHttpServer(server, true).createContext("/", root);
            try {
                server.start();
            } catch (Exception e) {
                stopQuietly(server, tls);
                if (e instanceof IOException io) {
                    throw io;
                }
                throw new IOException(e.getMessage(), e);
            }
            if (tls != null) {
                tls.watch(tlsReloadCheck);
            }
            List<String> paths = new java.util.ArrayList<>(routes.keySet());
            paths.addAll(prefixes.keySet());
            HttpApiServer started = new HttpApiServer(server, connector, tls, List.copyOf(paths));
            log.info("HTTP{} server listening on {}:{}{}", tls == null ? "" : "S", config.bindAddress(),
                    started.port(), credentials.configured() ? "" : " (no credentials configured: writes disabled)");
            return started;
        }

        private static byte[] openApiDocument() throws IOException {
            try (java.io.InputStream in = HttpApiServer.class.getResourceAsStream("openapi.json")) {
                if (in == null) {
                    throw new IOException("openapi.json is missing from the jar");
                }
                return in.readAllBytes();
            }
        }

        private static void stopQuietly(Server server, ServerTls tls) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // already failing to start; the start failure is what counts
            }
            if (tls != null) {
                tls.close();
            }
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
    }
}
