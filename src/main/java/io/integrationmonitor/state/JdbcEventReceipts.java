package io.integrationmonitor.state;

import io.integrationmonitor.events.EventReceipts;

import java.time.Instant;

/** {@link EventReceipts} over {@code event_receipt}, the table {@link TableIngestionStore#apply} deduplicates on too. */
final class JdbcEventReceipts implements EventReceipts {
    private final Jdbc jdbc;
    private final TableIngestionStore store;

    JdbcEventReceipts(Jdbc jdbc, TableIngestionStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    @Override
    public boolean seen(String eventId) {
        return jdbc.withConnection("reading event receipt " + eventId, c -> store.receiptExists(c, eventId));
    }

    @Override
    public void record(String eventId, Instant at) {
        jdbc.withConnection("recording event receipt " + eventId, c -> store.recordReceipt(c, eventId, at));
    }
}
