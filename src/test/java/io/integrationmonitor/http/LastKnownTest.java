package io.integrationmonitor.http;

import io.integrationmonitor.state.StateStoreException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LastKnownTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final AtomicReference<String> value = new AtomicReference<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final LastKnown<String> lastKnown = new LastKnown<>(() -> {
        String v = value.get();
        if (v == null) {
            throw new StateStoreException("state store: reading failed", new SQLException("refused", "08001"));
        }
        return v;
    }, new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    });

    @Test
    void withoutASuccessfulReadThereIsNothingToFallBackOn() {
        LastKnown.Unavailable e = catchThrowableOfType(LastKnown.Unavailable.class, lastKnown::get);

        assertThat(e.lastKnown()).isNull();
        assertThat(e.since()).isEqualTo(T0);
    }

    @Test
    void aFailedReadOffersTheLastSuccessfulOneAndWhenTheFailuresBegan() throws Exception {
        // given a read at T0
        value.set("v1");
        assertThat(lastKnown.get()).isEqualTo(new LastKnown.Read<>("v1", T0));

        // when reads fail from T0+10s on
        value.set(null);
        now.set(T0.plusSeconds(10));
        catchThrowableOfType(LastKnown.Unavailable.class, lastKnown::get);
        now.set(T0.plusSeconds(20));
        LastKnown.Unavailable e = catchThrowableOfType(LastKnown.Unavailable.class, lastKnown::get);

        // then
        assertThat(e.<String>lastKnown()).isEqualTo(new LastKnown.Read<>("v1", T0));
        assertThat(e.since()).isEqualTo(T0.plusSeconds(10));

        // and once it reads again, a later failure is a new outage
        value.set("v2");
        now.set(T0.plusSeconds(30));
        assertThat(lastKnown.get().value()).isEqualTo("v2");
        value.set(null);
        now.set(T0.plusSeconds(40));
        e = catchThrowableOfType(LastKnown.Unavailable.class, lastKnown::get);
        assertThat(e.<String>lastKnown()).isEqualTo(new LastKnown.Read<>("v2", T0.plusSeconds(30)));
        assertThat(e.since()).isEqualTo(T0.plusSeconds(40));
    }
}
