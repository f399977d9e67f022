package io.integrationmonitor.http;

import io.integrationmonitor.state.StateStoreException;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A read of the state store that remembers its last success, so that a handler can still show something,
 * marked stale, while the database cannot be read.
 */
final class LastKnown<T> {
    private final Supplier<T> read;
    private final Clock clock;
    private volatile Read<T> last;
    private volatile Instant failingSince;

    LastKnown(Supplier<T> read, Clock clock) {
        this.read = read;
        this.clock = clock;
    }

    /** A fresh read, or {@link Unavailable} with the last successful one (if any). */
    Read<T> get() throws Unavailable {
        try {
            Read<T> fresh = new Read<>(read.get(), clock.instant());
            last = fresh;
            failingSince = null;
            return fresh;
        } catch (StateStoreException e) {
            Instant since = failingSince;
            if (since == null) {
                since = clock.instant();
                failingSince = since;
            }
            throw new Unavailable(last, since);
        }
    }

    record Read<T>(T value, Instant readAt) {
    }

    /** The store cannot be read; {@code lastKnown} is null when it never could. */
    static final class Unavailable extends Exception {
        private final transient Read<?> lastKnown;
        private final Instant since;

        Unavailable(Read<?> lastKnown, Instant since) {
            super("the state database cannot be read", null, false, false);
            this.lastKnown = lastKnown;
            this.since = since;
        }

        @SuppressWarnings("unchecked")
        <T> Read<T> lastKnown() {
            return (Read<T>) lastKnown;
        }

        Instant since() {
            return since;
        }
    }
}
