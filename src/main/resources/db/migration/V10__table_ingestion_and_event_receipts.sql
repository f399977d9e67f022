-- AWS events through SQS (issue #13). Event ids already acted on, by every replica: a duplicate delivery is
-- recognised by the primary key (insert-if-absent inside the applying transaction). Pruned after expires_at
-- (events.dedup_window after receipt). Times are epoch millis.
CREATE TABLE event_receipt (
    event_id    VARCHAR(256) PRIMARY KEY,
    received_at BIGINT       NOT NULL,
    expires_at  BIGINT       NOT NULL
);
CREATE INDEX event_receipt_expires ON event_receipt (expires_at);

-- Per-table ingestion state, which no API shows: failing while failed_since is set. A table that is not failing
-- keeps its row (last_event_*) so that a late, older event cannot put it backwards; such rows are pruned with
-- the receipts once their last event is older than the dedup window.
CREATE TABLE table_ingestion (
    integration_arn VARCHAR(2048) NOT NULL,
    table_name      VARCHAR(1024) NOT NULL,
    account_id      VARCHAR(32)   NOT NULL,
    region          VARCHAR(64)   NOT NULL,
    error_code      VARCHAR(256),
    error_message   VARCHAR(4096),
    failed_since    BIGINT,
    last_event_time BIGINT        NOT NULL,
    last_event_id   VARCHAR(256)  NOT NULL,
    PRIMARY KEY (integration_arn, table_name)
);
CREATE INDEX table_ingestion_failing ON table_ingestion (integration_arn, failed_since);

-- One row per integration with table events: locked by each apply (so the cap holds across replicas) and
-- counting the failed-table events refused over events.max_failing_tables_per_integration.
CREATE TABLE table_ingestion_integration (
    integration_arn VARCHAR(2048) PRIMARY KEY,
    account_id      VARCHAR(32)   NOT NULL,
    region          VARCHAR(64)   NOT NULL,
    over_cap_count  BIGINT        NOT NULL
);
