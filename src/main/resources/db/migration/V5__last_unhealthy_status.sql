-- The unhealthy status (FAILED, NEEDS_ATTENTION) a resource was last in, kept while it passes through
-- transient statuses, so that NEEDS_ATTENTION -> SYNCING -> ACTIVE is detected as a recovery across polls
-- and restarts. NULL: none remembered (it has been healthy since, or never unhealthy).
ALTER TABLE known_resource ADD COLUMN last_unhealthy VARCHAR(64);
