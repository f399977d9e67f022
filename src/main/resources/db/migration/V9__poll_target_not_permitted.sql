-- When the source's own API began refusing the monitor (IAM: an action not granted) before the target's first
-- successful poll since start (epoch millis); NULL otherwise. Such a target is "not permitted", not failing: the
-- status page of every replica shows it apart, with last_error_message saying what to grant.
ALTER TABLE poll_target ADD COLUMN not_permitted_since_at BIGINT;
