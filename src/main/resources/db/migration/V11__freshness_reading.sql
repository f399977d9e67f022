-- Freshness from CloudWatch (issue #14): the latest judged reading of every watched integration, replaced per
-- (account, region) by each completed freshness poll (one transaction: delete that pair's rows, insert the new).
-- Every replica renders its gauges from it; the next poll's decision starts from it. Times are epoch millis;
-- a metric a poll did not see is NULL, never 0. failing_tables and verdicts are JSON arrays (failing_tables
-- bounded by freshness.tables_failing.max_tables).
CREATE TABLE freshness_reading (
    account_id       VARCHAR(64)   NOT NULL,
    region           VARCHAR(64)   NOT NULL,
    arn              VARCHAR(2048) NOT NULL,
    name             VARCHAR(1024) NOT NULL,
    kind             VARCHAR(64)   NOT NULL,
    source           VARCHAR(32)   NOT NULL,
    observed_at      BIGINT        NOT NULL,
    last_sync        BIGINT,
    lag_seconds      DOUBLE PRECISION,
    tables_failed    DOUBLE PRECISION,
    ingestion_failed DOUBLE PRECISION,
    failing_tables   TEXT          NOT NULL,
    verdicts         TEXT          NOT NULL,
    PRIMARY KEY (account_id, region, arn)
);
