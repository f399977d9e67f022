-- One alert per (integration ARN, condition), whichever listings report the integration (issue #12): the
-- listing that owns it (a primary one before an inbound one) evaluates it, the others leave it alone.

-- Who else lists this target's ARNs: one join per evaluation, by ARN.
CREATE INDEX known_resource_arn ON known_resource (arn);

-- Inbound alerts lose the 'inbound:' prefix V3 gave them. Where the integration's own listing holds the same
-- alert, that one lives on and the inbound copy goes (its receivers were told by the other as well); else the
-- inbound alert is re-keyed, so an upgrade neither resolves nor re-fires it.
DELETE FROM alert_state
 WHERE alert_key LIKE 'inbound:%'
   AND SUBSTRING(alert_key FROM 9) IN (SELECT alert_key FROM alert_state);
UPDATE alert_state
   SET alert_json = REPLACE(alert_json, '"key":"' || alert_key || '"', '"key":"' || SUBSTRING(alert_key FROM 9) || '"'),
       alert_key = SUBSTRING(alert_key FROM 9)
 WHERE alert_key LIKE 'inbound:%';

-- The resource an alert is about (its key without '|' || condition); NULL for a poll target's alert.
ALTER TABLE alert_state ADD COLUMN arn VARCHAR(2048);
UPDATE alert_state
   SET arn = LEFT(alert_key, LENGTH(alert_key) - LENGTH(condition) - 1)
 WHERE alert_key NOT LIKE 'target:%';
CREATE INDEX alert_state_arn ON alert_state (arn);
