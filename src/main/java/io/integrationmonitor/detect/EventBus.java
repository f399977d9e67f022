package io.integrationmonitor.detect;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * In-process, synchronous fan-out of poll outcomes. A failing subscriber is logged and skipped so it
 * can neither break the poll nor starve the other subscribers.
 *
 * <p>A failure is one line without a stack trace (the trace is logged at DEBUG), and only the first of a
 * streak is logged at ERROR: while the database is down a subscriber that writes to it fails on every poll of
 * every target, and the outage itself is already reported once by the state store. A failure of another
 * exception type than the streak's, and the subscriber's first success after it, are logged again.
 */
public final class EventBus {
    private static final Logger log = LoggerFactory.getLogger(EventBus.class);

    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();
    /** Subscribers whose last call failed, with the type of that failure. */
    private final ConcurrentMap<EventListener, Class<? extends RuntimeException>> failing = new ConcurrentHashMap<>();

    public void subscribe(EventListener listener) {
        listeners.add(listener);
    }

    public void publish(MonitorEvent event) {
        for (EventListener listener : listeners) {
            try {
                if (event instanceof PollCompleted completed) {
                    listener.onPollCompleted(completed);
                } else if (event instanceof PollFailed failed) {
                    listener.onPollFailed(failed);
                } else if (event instanceof PollNotPermitted notPermitted) {
                    listener.onPollNotPermitted(notPermitted);
                }
            } catch (RuntimeException e) {
                failed(listener, event, e);
                continue;
            }
            if (!failing.isEmpty() && failing.remove(listener) != null) {
                log.info("event listener {} succeeded again", name(listener));
            }
        }
    }

    private void failed(EventListener listener, MonitorEvent event, RuntimeException e) {
        Class<? extends RuntimeException> before = failing.put(listener, e.getClass());
        String on = event.getClass().getSimpleName();
        if (before != e.getClass()) {
            log.error("event listener {} failed on {} for {}: {}; further failures like it are logged at DEBUG "
                    + "until it succeeds again", name(listener), on, event.target(), describe(e));
            log.debug("event listener {} failed on {} for {}", name(listener), on, event.target(), e);
        } else {
            log.debug("event listener {} failed again on {} for {}", name(listener), on, event.target(), e);
        }
    }

    /** The class's simple name; an anonymous class has none, so it goes by its binary name. */
    private static String name(EventListener listener) {
        String simple = listener.getClass().getSimpleName();
        return simple.isEmpty() ? listener.getClass().getName() : simple;
    }

    /** The exception and its root cause, by simple type name and message: enough to tell an outage from a bug. */
    static String describe(Throwable e) {
        Throwable root = e;
        for (int depth = 0; depth < 16 && root.getCause() != null && root.getCause() != root; depth++) {
            root = root.getCause();
        }
        String own = e.getClass().getSimpleName() + ": " + e.getMessage();
        return root == e ? own : own + " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
