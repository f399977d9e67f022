package io.integrationmonitor.state;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One component's view of whether the database answers: the first failure of an outage is one WARN, the
 * first success after it one INFO; the attempts in between are DEBUG. Quartz's and Hikari's own logging of
 * the same failures is held back by {@code ConnectionFailureLogFilter} (logback.xml), so an outage reads as
 * one line per component and one when it is over, not a stack trace per retry.
 */
public final class Outage {
    private static final Logger log = LoggerFactory.getLogger(Outage.class);

    private final String component;
    private final Clock clock;
    private volatile Instant since;

    public Outage(String component, Clock clock) {
        this.component = component;
        this.clock = clock;
    }

    public void failed(Exception e) {
        boolean first;
        synchronized (this) {
            first = since == null;
            if (first) {
                since = clock.instant();
            }
        }
        if (first) {
            log.warn("{}: the database is unreachable ({}); retrying, further failures logged at DEBUG until it is back",
                    component, e.getMessage());
            log.debug("{}: the database is unreachable", component, e);
        } else {
            log.debug("{}: the database is still unreachable", component, e);
        }
    }

    public void succeeded() {
        if (since == null) {
            return;
        }
        Instant began;
        synchronized (this) {
            began = since;
            since = null;
        }
        if (began != null) {
            log.info("{}: the database is reachable again, {} s after the first failure", component,
                    Duration.between(began, clock.instant()).toSeconds());
        }
    }

    /** When the current outage began, or empty while the database answers. */
    public Optional<Instant> since() {
        return Optional.ofNullable(since);
    }
}
