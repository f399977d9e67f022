package io.integrationmonitor.http;

import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose current request has been arriving (headers or body) for longer than the deadline.
 *
 * <p>Jetty's idle timeout restarts with every byte read, so on its own a client sending one byte every few
 * seconds (slowloris) would keep a connection for as long as it likes. Jetty has no total time limit for
 * request headers, so this sweeps the connector's connections every quarter of the deadline and closes those
 * whose HTTP parser is still in the middle of the same request as one deadline ago. A connection waiting
 * between requests (keep-alive) is left to the idle timeout; one whose handler is writing a response (a large
 * {@code /metrics}) is not reading a request and is never touched. The parser is reached through Jetty's
 * {@code server.internal.HttpConnection} (its state is volatile, so reading it from the sweeper is safe):
 * re-check this class on Jetty upgrades; {@code SlowClientTest} fails if it stops working.
 */
final class RequestReadDeadline extends AbstractLifeCycle {
    private static final Logger log = LoggerFactory.getLogger(RequestReadDeadline.class);

    private final ServerConnector connector;
    private final long deadlineNanos;
    /** Connections seen mid-request: the request's number on the connection and when it was first seen so. */
    private final Map<HttpConnection, long[]> reading = new WeakHashMap<>();
    private ScheduledExecutorService sweeper;

    RequestReadDeadline(ServerConnector connector, Duration deadline) {
        this.connector = connector;
        this.deadlineNanos = deadline.toNanos();
    }

    @Override
    protected void doStart() {
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "http-read-deadline");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1, deadlineNanos / 4);
        sweeper.scheduleWithFixedDelay(() -> sweep(System.nanoTime()), period, period, TimeUnit.NANOSECONDS);
    }

    @Override
    protected void doStop() {
        sweeper.shutdownNow();
    }

    private void sweep(long now) {
        try {
            synchronized (reading) {
                for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                    HttpConnection http = httpConnection(endPoint.getConnection());
                    if (http != null && overdue(http, now)) {
                        log.debug("closing {}: request not received within the deadline", endPoint.getRemoteSocketAddress());
                        endPoint.close();
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("request deadline sweep failed: {}", e.toString());
        }
    }

    private boolean overdue(HttpConnection http, long now) {
        HttpParser parser = http.getParser();
        boolean midRequest = (parser.inHeaderState() && !parser.isStart()) || parser.inContentState();
        if (!midRequest) {
            reading.remove(http);
            return false;
        }
        long request = http.getMessagesIn() * 2 + (parser.inContentState() ? 1 : 0);
        long[] seen = reading.get(http);
        if (seen == null || seen[0] != request) {
            reading.put(http, new long[]{request, now});
            return false;
        }
        return now - seen[1] >= deadlineNanos;
    }

    private static HttpConnection httpConnection(Connection connection) {
        if (connection instanceof HttpConnection http) {
            return http;
        }
        if (connection instanceof SslConnection tls) {
            return httpConnection(tls.getSslEndPoint().getConnection());
        }
        return null;
    }
}
