package io.integrationmonitor.simulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Which EventBridge event AWS sends for a change of a zero-ETL integration, if any: a pure function of the change,
 * its time and the event's id. The detail types are the documented ones, the detail members those of the fixtures
 * (see {@code src/test/resources/events/README.md}: the Glue detail members are ASSUMED from Glue's documented
 * CloudWatch log format; Redshift documents none, so its detail is {@code {}}).
 *
 * <ul>
 *   <li><b>Glue</b> (outbound and inbound integrations, and any integration with a Glue ARN), source
 *       {@code aws.glue-zero-etl}, https://docs.aws.amazon.com/glue/latest/dg/zero-etl-monitoring.html: FAILED
 *       sends {@code AWS Glue Zero ETL Integration Failed}, NEEDS_ATTENTION {@code ... Integration Needs
 *       Attention}, SYNCING after having been ACTIVE, NEEDS_ATTENTION or FAILED (a resynchronisation)
 *       {@code ... Integration Resynced}; a table's failed / completed ingestion {@code ... Ingestion Failed} /
 *       {@code ... Ingestion Completed}. The page lists no event for a recovery to ACTIVE, for CREATING,
 *       MODIFYING, DELETING nor for a deletion: those send none.</li>
 *   <li><b>Redshift and RDS</b> (an RDS integration's events are Redshift's), source {@code aws.redshift}, detail
 *       type {@code Redshift Integration Monitoring}: the events REDSHIFT-INTEGRATION-EVENT-0000 ... of
 *       https://docs.aws.amazon.com/redshift/latest/mgmt/integration-event-notifications.html are all of the
 *       "Monitoring" category: created and active (0000: creating to active only; a recovery to active has no
 *       event), deleted (0001, a removal), deletion started (0002, deleting), syncing (0003), tables that cannot
 *       be synced (0004, 0005: needs_attention), creation failed / internal failure / authorization revoked
 *       (0006-0008: failed). Modifying has none.</li>
 * </ul>
 */
final class ZeroEtlEvents {
    static final String GLUE_SOURCE = "aws.glue-zero-etl";
    static final String REDSHIFT_SOURCE = "aws.redshift";
    static final String GLUE_PREFIX = "AWS Glue Zero ETL ";
    static final String REDSHIFT_MONITORING = "Redshift Integration Monitoring";

    private ZeroEtlEvents() {
    }

    /** The event for {@code change}, made at {@code at}; empty when AWS documents none for it. */
    static Optional<EventBridgeEvent> eventFor(EstateChange change, Instant at, UUID id) {
        Partition partition = Partition.ofArn(change.integrationArn());
        boolean glue = change.integrationArn().split(":", 4)[2].equals("glue");
        Optional<String> detailType = glue ? glueDetailType(change) : redshiftDetailType(change);
        return detailType.map(type -> new EventBridgeEvent(id.toString(), type, glue ? GLUE_SOURCE : REDSHIFT_SOURCE,
                partition.account(), at, partition.region(), List.of(change.integrationArn()),
                glue ? glueDetail(change) : Map.of()));
    }

    private static Optional<String> glueDetailType(EstateChange change) {
        String what = null; // a removal: no documented Glue event for a deletion
        if (change instanceof EstateChange.TableIngestionChanged t) {
            what = t.ingestion().status() == SimTableIngestion.Status.FAILED ? "Ingestion Failed" : "Ingestion Completed";
        } else if (change instanceof EstateChange.StatusChanged s) {
            what = switch (upper(s.to())) {
                case "FAILED" -> "Integration Failed";
                case "NEEDS_ATTENTION" -> "Integration Needs Attention";
                case "SYNCING" -> switch (upper(s.from())) {
                    case "ACTIVE", "NEEDS_ATTENTION", "FAILED" -> "Integration Resynced";
                    default -> null; // CREATING -> SYNCING is the first load, not a resync
                };
                default -> null; // ACTIVE (a recovery), CREATING, MODIFYING, DELETING: the page lists no event
            };
        }
        return Optional.ofNullable(what).map(w -> GLUE_PREFIX + w);
    }

    private static Optional<String> redshiftDetailType(EstateChange change) {
        boolean announced;
        if (change instanceof EstateChange.StatusChanged s) {
            announced = switch (upper(s.to())) {
                case "FAILED", "NEEDS_ATTENTION", "SYNCING", "DELETING" -> true;
                case "ACTIVE" -> upper(s.from()).equals("CREATING"); // 0000 is "created and now active"
                default -> false;
            };
        } else {
            announced = change instanceof EstateChange.Removed; // 0001: deleted; Redshift has no per-table event
        }
        return announced ? Optional.of(REDSHIFT_MONITORING) : Optional.empty();
    }

    /** The fixtures' members: {@code integrationArn}, and per table {@code tableName} and the outcome's members. */
    private static Map<String, String> glueDetail(EstateChange change) {
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("integrationArn", change.integrationArn());
        if (change instanceof EstateChange.TableIngestionChanged t) {
            detail.put("tableName", t.table());
            if (t.ingestion().status() == SimTableIngestion.Status.FAILED) {
                detail.put("errorMessage", t.ingestion().errorMessage());
                detail.put("error_code", t.ingestion().errorCode());
            } else {
                detail.put("message", "Ingestion Job completed");
                detail.put("lastSyncedTimestamp", Long.toString(t.ingestion().at().toEpochMilli()));
            }
        }
        return detail;
    }

    private static String upper(String status) {
        return status.toUpperCase(Locale.ROOT);
    }
}
