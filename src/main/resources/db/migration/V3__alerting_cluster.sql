-- Alerting with several replicas on one database. Portable between PostgreSQL and H2 in PostgreSQL mode.

-- One row per receiver. The replica holding an unexpired lease is the only one working that receiver's
-- queue, which keeps delivery strictly in order per receiver. Claimed with SELECT ... FOR UPDATE SKIP LOCKED
-- in a short transaction; never locked across a send.
CREATE TABLE alert_receiver_lease (
    receiver      VARCHAR(64)  PRIMARY KEY,
    claimed_by    VARCHAR(256),
    claimed_until TIMESTAMP WITH TIME ZONE
);

-- The notification in flight: which replica is sending it and until when. Cleared when the attempt ends.
-- A pending row found still claimed was interrupted mid-send (the replica died) and is sent once more.
ALTER TABLE alert_outbox ADD COLUMN claimed_by VARCHAR(256);
ALTER TABLE alert_outbox ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;

-- Retention pruning of finished rows.
CREATE INDEX alert_outbox_finished ON alert_outbox (delivery, finished_at);

-- One row per poll target: locked FOR UPDATE by each alert evaluation of the target, so replicas
-- evaluating the same target serialize; remembers the newest poll evaluated so an older one that
-- arrives late cannot roll the alerts back.
CREATE TABLE alert_target (
    target_key   VARCHAR(512) PRIMARY KEY,
    last_poll_at TIMESTAMP WITH TIME ZONE
);

-- Inbound integrations get their own alert keys ('inbound:' + ARN + '|' + condition): they share the ARN of
-- the integration the source account's target lists. Re-key their open alerts so an upgrade neither
-- resolves nor re-fires them.
UPDATE alert_state
   SET alert_json = REPLACE(alert_json, '"key":"' || alert_key || '"', '"key":"inbound:' || alert_key || '"'),
       alert_key = 'inbound:' || alert_key
 WHERE kind = 'glue_inbound_integration' AND alert_key NOT LIKE 'inbound:%';
