package io.integrationmonitor.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The ready-made demo: integrations failing and recovering, one needing attention, one stuck syncing, an
 * association execution failing then completing, one integration appearing and one vanishing, and an
 * Aurora-to-Redshift (RDS) integration and a DynamoDB-to-Redshift integration needing attention and
 * recovering, each also listed by Redshift's inbound listing, and one table of an ACTIVE Glue integration failing to
 * ingest and later completing (which no API shows: only Glue's per-table EventBridge events announce it). About 75 s
 * at speed 1. With the simulator's events on ({@link AwsSimulator#events()}), the failures AWS announces (Glue
 * FAILED and NEEDS_ATTENTION, Redshift and RDS needs_attention, the table) send their events; the recoveries send
 * none, as AWS documents none ({@link ZeroEtlEvents}).
 *
 * <p>And what only CloudWatch tells ({@link SimFreshness}): an ACTIVE Glue integration
 * ({@value #SILENT_NAME}, no {@code RefreshInterval}: it syncs every minute) stops syncing 10 s in, so its
 * {@code LastSyncTimestamp} falls silent while its status stays ACTIVE; and an Aurora-to-Redshift integration's
 * {@code IntegrationLag} grows to 10 min 5 s in and to 20 min 40 s in (each from the minute it grew in).
 */
public final class DemoStory {
    /** The table whose ingestion fails and recovers. */
    public static final String TABLE = "customers";
    /** The ACTIVE Glue integration that stops syncing. */
    public static final String SILENT_NAME = "payments-zetl-silent";

    private DemoStory() {
    }

    /**
     * The story without its CloudWatch beats' audience: they play on a {@link SimFreshness} of their own, which no
     * simulator serves. Use {@link #create(Estate, SimFreshness, Partition)} with {@link AwsSimulator#freshness()}.
     */
    public static ScriptedStory create(Estate estate, Partition partition) {
        return create(estate, new SimFreshness(Clock.systemUTC()), partition);
    }

    /**
     * Builds the story on {@code partition}'s resources, adding any the story needs but the estate lacks; its
     * CloudWatch beats (a Glue integration falling silent, an RDS one lagging) play on {@code freshness}.
     */
    public static ScriptedStory create(Estate estate, SimFreshness freshness, Partition partition) {
        String silent = silentArn(partition);
        ensureCast(estate, partition, silent);
        List<SimIntegration> integrations = estate.integrations(partition).stream()
                .filter(i -> !i.arn().equals(silent)).toList();
        String failing = integrations.get(0).arn();
        String attention = integrations.get(1).arn();
        String stuck = integrations.get(2).arn();
        SimIntegration vanishing = integrations.get(3);
        String tables = integrations.get(4).arn();
        String inbound = estate.inboundIntegrations(partition).get(0).arn();
        String association = estate.associations(partition).get(0).arn();
        // both are also in Redshift's inbound listing (see EstateGenerator): one alert each, two listings
        String aurora = estate.rdsIntegrations(partition).get(0).arn();
        SimRdsIntegration lagging = estate.rdsIntegrations(partition).get(1);
        String redshift = estate.redshiftIntegrations(partition).get(0).arn();
        String appearing = "arn:aws:glue:" + partition.region() + ":" + partition.account()
                + ":integration:5f1c2d7e-demo-4a1b-9c3d-000000000001";

        return ScriptedStory.builder()
                .at(seconds(5), "Aurora -> Redshift integration " + lagging.name() + " lags 10 min (IntegrationLag)",
                        e -> freshness.lag(lagging.arn(), currentMinute(freshness), Duration.ofMinutes(10)))
                .at(seconds(10), "integration " + SILENT_NAME + " stops syncing (still ACTIVE: only LastSyncTimestamp "
                        + "tells)", e -> freshness.stopSyncing(silent, freshness.clock().instant()))
                .at(seconds(40), "Aurora -> Redshift integration " + lagging.name() + " lags 20 min, above 15 min",
                        e -> freshness.lag(lagging.arn(), currentMinute(freshness), Duration.ofMinutes(20)))
                .at(seconds(5), "integration FAILED: source connection lost", e -> e.setIntegrationStatus(failing, "FAILED",
                        List.of(new SimError("SOURCE_CONNECTION_LOST",
                                "Unable to connect to the source Aurora cluster: connection timed out after 30000 ms"))))
                .at(seconds(10), "integration NEEDS_ATTENTION: resync required", e -> e.setIntegrationStatus(attention,
                        "NEEDS_ATTENTION", List.of(new SimError("TABLE_RESYNC_REQUIRED",
                                "Table orders contains an unsupported data type change; a resynchronization is required"))))
                .at(seconds(12), "Aurora -> Redshift integration needs_attention: resync required",
                        e -> e.setRdsStatus(aurora, "needs_attention", List.of(new SimError("TABLE_RESYNC_REQUIRED",
                                "Table sales.orders was altered with an unsupported DDL change; refresh the table"))))
                .at(seconds(15), "association execution FAILED", e -> e.setAssociationExecution(association, "FAILED",
                        "Salesforce API error REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded"))
                .at(seconds(18), "table customers of an ACTIVE integration fails to ingest (an event, and CloudWatch's "
                        + "IngestionFailed by tableName)", e -> {
                            e.failTableIngestion(tables, TABLE, "client_error",
                                    "Failed to ingest data with error: column customers.email exceeds the target's "
                                            + "maximum length of 256");
                            freshness.failTables(tables, List.of(TABLE), currentMinute(freshness));
                        })
                .at(seconds(48), "table customers ingests again (ingestion completed)", e -> {
                    e.completeTableIngestion(tables, TABLE);
                    freshness.clearTables(tables, freshness.clock().instant());
                })
                .at(seconds(20), "integration SYNCING (and stays there)", e -> e.setIntegrationStatus(stuck, "SYNCING", List.of()))
                .at(seconds(25), "new integration appears (CREATING)", e -> e.addIntegration(new SimIntegration(appearing,
                        "refunds-zetl-new", "arn:aws:dynamodb:" + partition.region() + ":" + partition.account() + ":table/refunds",
                        "arn:aws:redshift-serverless:" + partition.region() + ":" + partition.account()
                                + ":namespace/7d0e6c1a-demo-4f2a-8b9c-000000000002",
                        "CREATING", Instant.now(), "Replicates refunds", List.of(), Map.of("team", "refunds"))))
                .at(seconds(30), "inbound integration FAILED: target access denied", e -> e.setInboundStatus(inbound, "FAILED",
                        List.of(new SimError("TARGET_ACCESS_DENIED",
                                "Glue cannot write to the target database: the integration role lacks glue:CreateTable"))))
                .at(seconds(35), "integration " + vanishing.name() + " vanishes", e -> e.remove(vanishing.arn()))
                .at(seconds(40), "new integration ACTIVE", e -> e.setIntegrationStatus(appearing, "ACTIVE", List.of()))
                .at(seconds(45), "association execution IN_PROGRESS", e -> e.setAssociationExecution(association, "IN_PROGRESS", null))
                .at(seconds(50), "association execution COMPLETED", e -> e.setAssociationExecution(association, "COMPLETED", null))
                .at(seconds(55), "failed integration recovers (ACTIVE)", e -> e.setIntegrationStatus(failing, "ACTIVE", List.of()))
                .at(seconds(60), "integration needing attention recovers (ACTIVE)",
                        e -> e.setIntegrationStatus(attention, "ACTIVE", List.of()))
                .at(seconds(50), "Aurora -> Redshift integration re-syncing (syncing)",
                        e -> e.setRdsStatus(aurora, "syncing", List.of()))
                .at(seconds(65), "Aurora -> Redshift integration recovers (active)",
                        e -> e.setRdsStatus(aurora, "active", List.of()))
                .at(seconds(70), "inbound integration recovers (ACTIVE)", e -> e.setInboundStatus(inbound, "ACTIVE", List.of()))
                .at(seconds(12), "Redshift integration needs_attention: table dropped at the source",
                        e -> e.setRedshiftStatus(redshift, "needs_attention", List.of(new SimError("SOURCE_TABLE_DELETED",
                                "Table orders was deleted in DynamoDB; drop or re-create it to resume replication"))))
                .at(seconds(65), "Redshift integration recovers (active)",
                        e -> e.setRedshiftStatus(redshift, "active", List.of()))
                .build();
    }

    /** Sorts after every generated ARN, so the cast's places in {@link Estate#integrations} stay as they were. */
    private static String silentArn(Partition partition) {
        return "arn:aws:glue:" + partition.region() + ":" + partition.account()
                + ":integration:ffffffff-demo-4a1b-9c3d-000000000003";
    }

    /** A lag grows over a minute: CloudWatch's datapoint for the minute in progress already has it. */
    private static Instant currentMinute(SimFreshness freshness) {
        return freshness.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    }

    private static void ensureCast(Estate estate, Partition partition, String silent) {
        if (estate.integration(silent).isEmpty()) {
            estate.addIntegration(new SimIntegration(silent, SILENT_NAME,
                    "arn:aws:dynamodb:" + partition.region() + ":" + partition.account() + ":table/payments",
                    "arn:aws:redshift-serverless:" + partition.region() + ":" + partition.account()
                            + ":namespace/7d0e6c1a-demo-4f2a-8b9c-000000000003",
                    "ACTIVE", Instant.now().minus(Duration.ofDays(2)), "Replicates payments", List.of(),
                    Map.of("team", "payments"), null));
        }
        int integrations = Math.max(0, 6 - estate.integrations(partition).size());
        int inbound = Math.max(0, 1 - estate.inboundIntegrations(partition).size());
        boolean needsAssociation = estate.associations(partition).isEmpty();
        int rds = Math.max(0, 2 - estate.rdsIntegrations(partition).size());
        if (estate.redshiftIntegrations(partition).isEmpty()) {
            estate.populate(partition, EstateSpec.empty().withRedshift(2, 0), partition.hashCode() * 31L + 19);
        }
        if (integrations > 0 || inbound > 0 || needsAssociation || rds > 0) {
            // A different seed than populate's default, so the additions never overwrite existing resources.
            estate.populate(partition, new EstateSpec(integrations, inbound, needsAssociation ? 1 : 0,
                    needsAssociation ? 2 : 0, 0).withRdsIntegrations(rds), partition.hashCode() * 31L + 17);
        }
    }

    private static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
