-- applyPoll writes only the resources that changed. "Last seen" changes on every poll, so it is kept once
-- per target: poll_target.resources_seen_at is the last-seen time of the latest applied poll, and
-- known_resource.last_seen is NULL for each resource that poll saw (in practice all of them) and explicit
-- otherwise. Rows written before this migration keep their explicit value until their next write.
ALTER TABLE poll_target ADD COLUMN resources_seen_at BIGINT;
ALTER TABLE known_resource ALTER COLUMN last_seen DROP NOT NULL;
