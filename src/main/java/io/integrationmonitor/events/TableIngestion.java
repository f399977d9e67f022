package io.integrationmonitor.events;

import java.time.Instant;
import java.util.Objects;

/**
 * One table-level event, which no API shows and so the only kind of event that carries state: the table's
 * ingestion failed ({@code failed}, with AWS's code and message) or completed. Strings are AWS text, bounded in
 * length by {@link IntegrationEvents} and to be made inert wherever they are shown.
 *
 * @param eventId        EventBridge's id, the deduplication key
 * @param time           when the service says it happened: an older event than the table's last one is stale
 * @param errorCode      null when absent or when {@code failed} is false
 * @param errorMessage   null when absent or when {@code failed} is false
 */
public record TableIngestion(String eventId, Instant time, String accountId, String region, String integrationArn,
                             String table, boolean failed, String errorCode, String errorMessage) {
    public TableIngestion {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(integrationArn, "integrationArn");
        Objects.requireNonNull(table, "table");
    }
}
