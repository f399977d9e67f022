package io.integrationmonitor.detect;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * In-process, synchronous fan-out of poll outcomes. A failing subscriber is logged and skipped so it
 * can neither break the poll nor starve the other subscribers.
 */
public final class EventBus {
    private static final Logger log = LoggerFactory.getLogger(EventBus.class);

    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();

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
                }
            } catch (RuntimeException e) {
                log.error("event listener {} failed on {} for {}", listener.getClass().getSimpleName(),
                        event.getClass().getSimpleName(), event.target(), e);
            }
        }
    }
}
