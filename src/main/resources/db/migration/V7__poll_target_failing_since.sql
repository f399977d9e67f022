-- When the current run of failed polls of a target began (epoch millis); NULL while its last poll succeeded.
-- The status page says since when a source cannot be polled.
ALTER TABLE poll_target ADD COLUMN failing_since_at BIGINT;
