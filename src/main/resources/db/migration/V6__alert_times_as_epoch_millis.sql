-- One time representation in the schema: the alerting tables store instants as BIGINT epoch milliseconds (UTC),
-- like the state tables (V1), instead of TIMESTAMP WITH TIME ZONE. Existing rows are converted, truncated to
-- the millisecond as Java's Instant.toEpochMilli() does (FLOOR, also before 1970).
-- Portable between PostgreSQL and H2 in PostgreSQL mode: H2 has no ALTER COLUMN ... TYPE ... USING, so each
-- column is replaced by a converted copy under the same name.

-- the only index on a converted column; recreated below
DROP INDEX alert_outbox_finished;

-- alert_state
ALTER TABLE alert_state ADD COLUMN updated_at_ms BIGINT;
UPDATE alert_state
   SET updated_at_ms = CAST(FLOOR(EXTRACT(EPOCH FROM updated_at) * 1000) AS BIGINT);
ALTER TABLE alert_state DROP COLUMN updated_at;
ALTER TABLE alert_state RENAME COLUMN updated_at_ms TO updated_at;
ALTER TABLE alert_state ALTER COLUMN updated_at SET NOT NULL;

-- alert_outbox
ALTER TABLE alert_outbox ADD COLUMN created_at_ms BIGINT;
ALTER TABLE alert_outbox ADD COLUMN next_attempt_at_ms BIGINT;
ALTER TABLE alert_outbox ADD COLUMN finished_at_ms BIGINT;
ALTER TABLE alert_outbox ADD COLUMN claimed_until_ms BIGINT;
UPDATE alert_outbox
   SET created_at_ms = CAST(FLOOR(EXTRACT(EPOCH FROM created_at) * 1000) AS BIGINT),
       next_attempt_at_ms = CAST(FLOOR(EXTRACT(EPOCH FROM next_attempt_at) * 1000) AS BIGINT),
       finished_at_ms = CAST(FLOOR(EXTRACT(EPOCH FROM finished_at) * 1000) AS BIGINT),
       claimed_until_ms = CAST(FLOOR(EXTRACT(EPOCH FROM claimed_until) * 1000) AS BIGINT);
ALTER TABLE alert_outbox DROP COLUMN created_at;
ALTER TABLE alert_outbox RENAME COLUMN created_at_ms TO created_at;
ALTER TABLE alert_outbox ALTER COLUMN created_at SET NOT NULL;
ALTER TABLE alert_outbox DROP COLUMN next_attempt_at;
ALTER TABLE alert_outbox RENAME COLUMN next_attempt_at_ms TO next_attempt_at;
ALTER TABLE alert_outbox ALTER COLUMN next_attempt_at SET NOT NULL;
ALTER TABLE alert_outbox DROP COLUMN finished_at;
ALTER TABLE alert_outbox RENAME COLUMN finished_at_ms TO finished_at;
ALTER TABLE alert_outbox DROP COLUMN claimed_until;
ALTER TABLE alert_outbox RENAME COLUMN claimed_until_ms TO claimed_until;

-- alert_silence
ALTER TABLE alert_silence ADD COLUMN starts_at_ms BIGINT;
ALTER TABLE alert_silence ADD COLUMN ends_at_ms BIGINT;
ALTER TABLE alert_silence ADD COLUMN created_at_ms BIGINT;
UPDATE alert_silence
   SET starts_at_ms = CAST(FLOOR(EXTRACT(EPOCH FROM starts_at) * 1000) AS BIGINT),
       ends_at_ms = CAST(FLOOR(EXTRACT(EPOCH FROM ends_at) * 1000) AS BIGINT),
       created_at_ms = CAST(FLOOR(EXTRACT(EPOCH FROM created_at) * 1000) AS BIGINT);
ALTER TABLE alert_silence DROP COLUMN starts_at;
ALTER TABLE alert_silence RENAME COLUMN starts_at_ms TO starts_at;
ALTER TABLE alert_silence ALTER COLUMN starts_at SET NOT NULL;
ALTER TABLE alert_silence DROP COLUMN ends_at;
ALTER TABLE alert_silence RENAME COLUMN ends_at_ms TO ends_at;
ALTER TABLE alert_silence ALTER COLUMN ends_at SET NOT NULL;
ALTER TABLE alert_silence DROP COLUMN created_at;
ALTER TABLE alert_silence RENAME COLUMN created_at_ms TO created_at;
ALTER TABLE alert_silence ALTER COLUMN created_at SET NOT NULL;

-- alert_receiver_lease
ALTER TABLE alert_receiver_lease ADD COLUMN claimed_until_ms BIGINT;
UPDATE alert_receiver_lease
   SET claimed_until_ms = CAST(FLOOR(EXTRACT(EPOCH FROM claimed_until) * 1000) AS BIGINT);
ALTER TABLE alert_receiver_lease DROP COLUMN claimed_until;
ALTER TABLE alert_receiver_lease RENAME COLUMN claimed_until_ms TO claimed_until;

-- alert_target
ALTER TABLE alert_target ADD COLUMN last_poll_at_ms BIGINT;
UPDATE alert_target
   SET last_poll_at_ms = CAST(FLOOR(EXTRACT(EPOCH FROM last_poll_at) * 1000) AS BIGINT);
ALTER TABLE alert_target DROP COLUMN last_poll_at;
ALTER TABLE alert_target RENAME COLUMN last_poll_at_ms TO last_poll_at;

CREATE INDEX alert_outbox_finished ON alert_outbox (delivery, finished_at);
