package io.integrationmonitor.http;

import java.time.Duration;

/**
 * How much of the server one client may hold. The defaults serve a Prometheus scraping every few seconds,
 * kubelet probes, a few people on the status page and scripts, with room for slow or hostile clients.
 *
 * @param maxConnections     open connections at most; beyond it new ones wait in the kernel's accept queue
 * @param idleTimeout        a connection with no bytes in or out for this long is closed (Jetty: per read/write)
 * @param requestReadTimeout a request's headers and body must arrive within this, however slowly they trickle
 * @param requestHeaderBytes largest request line plus headers (431 beyond)
 * @param maxThreads         Jetty's pool: selector and acceptor threads plus the handlers; handlers only run once
 *                           a request's headers are complete, so slow clients hold no thread while they send
 */
record ServerLimits(int maxConnections, Duration idleTimeout, Duration requestReadTimeout, int requestHeaderBytes,
                    int maxThreads) {
    static final ServerLimits DEFAULT =
            new ServerLimits(256, Duration.ofSeconds(30), Duration.ofSeconds(10), 8 * 1024, 32);

    ServerLimits {
        if (maxConnections < 1 || maxThreads < 8 || requestHeaderBytes < 1024) {
            throw new IllegalArgumentException("limits too small: " + maxConnections + " connections, "
                    + maxThreads + " threads, " + requestHeaderBytes + " header bytes");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero() || requestReadTimeout.isNegative()
                || requestReadTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }
}
