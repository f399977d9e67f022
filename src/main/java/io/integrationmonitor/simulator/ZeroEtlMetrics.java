package io.integrationmonitor.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The zero-ETL metrics CloudWatch would hold for the estate, derived from it and its {@link SimFreshness}
 * timelines: only ACTIVE integrations of the caller's (account, region) have datapoints, one per period at most.
 * <ul>
 *   <li>{@code AWS/Glue/ZeroETL} by {@code integrationArn} (Glue integrations, outbound and inbound):
 *       {@code LastSyncTimestamp} (epoch seconds of the last sync at or before the period's end, never after now;
 *       none for the periods that start once the integration stopped syncing), {@code IngestionSucceeded} (syncs in the period), {@code IngestionFailed}
 *       (failing tables); by {@code integrationArn} and {@code tableName}: {@code IngestionFailed} 1 per period for
 *       a failing table.</li>
 *   <li>{@code AWS/Redshift} by {@code IntegrationId} (the last ARN segment of RDS and Redshift integrations):
 *       {@code IntegrationLag} (seconds), {@code IntegrationNumTablesReplicated},
 *       {@code IntegrationNumTablesFailedReplication}.</li>
 * </ul>
 * Any other metric exists nowhere: its series is empty, as CloudWatch answers a metric it never received.
 */
final class ZeroEtlMetrics {
    static final String GLUE_NAMESPACE = "AWS/Glue/ZeroETL";
    static final String REDSHIFT_NAMESPACE = "AWS/Redshift";
    /** What every healthy RDS and Redshift integration replicates. */
    static final int TABLES_REPLICATED = 10;
    private static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofMinutes(1);

    /** A period's value; null when the period has no datapoint. */
    @FunctionalInterface
    interface PeriodValues {
        Double at(Instant start, Instant end);

        PeriodValues NONE = (start, end) -> null;
    }

    /** One time series answering a query: results share their query's id, and tell themselves apart by label. */
    record Series(String id, String label, PeriodValues values) {
    }

    /** A Glue integration that syncs: every {@code interval} on the epoch's grid, not before it was created. */
    private record GlueTarget(String arn, Duration interval, Instant created) {
    }

    /** An RDS or Redshift integration, by the ARN its timelines are kept under. */
    private record RedshiftTarget(String arn, Instant created) {
    }

    private final Estate estate;
    private final SimFreshness freshness;

    ZeroEtlMetrics(Estate estate, SimFreshness freshness) {
        this.estate = estate;
        this.freshness = freshness;
    }

    /** The series of one {@code MetricStat}; always exactly one, maybe empty. */
    Series metric(Partition partition, MetricDataRequest.Query query) {
        MetricDataRequest.MetricStat m = query.metric();
        String label = query.label() != null ? query.label() : m.metricName();
        return new Series(query.id(), label, statistic(values(partition, m), m.stat()));
    }

    /** The series of a SEARCH for the failing tables: one per table that failed in {@code [from, to)}, by name. */
    List<Series> search(Partition partition, String id, SearchExpression search, Instant from, Instant to) {
        GlueTarget glue = glue(partition, search.integrationArn());
        if (glue == null) {
            return List.of();
        }
        List<Series> out = new ArrayList<>();
        for (String table : freshness.failingTablesDuring(glue.arn(), from, to)) {
            out.add(new Series(id, table, statistic(tableFailed(glue, table), search.stat())));
        }
        return out;
    }

    private PeriodValues values(Partition partition, MetricDataRequest.MetricStat m) {
        Map<String, String> d = m.dimensions();
        if (m.namespace().equals(GLUE_NAMESPACE) && d.containsKey("integrationArn")) {
            GlueTarget glue = glue(partition, d.get("integrationArn"));
            if (glue == null) {
                return PeriodValues.NONE;
            }
            if (d.keySet().equals(Set.of("integrationArn"))) {
                return switch (m.metricName()) {
                    case "LastSyncTimestamp" -> lastSync(glue);
                    case "IngestionSucceeded" -> existing(glue.created(), (s, e) -> {
                        long syncs = freshness.syncsBetween(glue.arn(), s, min(e, now()), glue.interval(),
                                glue.created());
                        return syncs > 0 ? (double) syncs : null;
                    });
                    case "IngestionFailed" -> existing(glue.created(), (s, e) -> {
                        int failing = freshness.failingTablesAt(glue.arn(), s).size();
                        return failing > 0 ? (double) failing : null;
                    });
                    default -> PeriodValues.NONE;
                };
            }
            if (d.keySet().equals(Set.of("integrationArn", "tableName")) && m.metricName().equals("IngestionFailed")) {
                return tableFailed(glue, d.get("tableName"));
            }
            return PeriodValues.NONE;
        }
        if (m.namespace().equals(REDSHIFT_NAMESPACE) && d.keySet().equals(Set.of("IntegrationId"))) {
            RedshiftTarget target = redshift(partition, d.get("IntegrationId"));
            if (target == null) {
                return PeriodValues.NONE;
            }
            return switch (m.metricName()) {
                case "IntegrationLag" -> existing(target.created(),
                        (s, e) -> (double) freshness.lagAt(target.arn(), s).toSeconds());
                case "IntegrationNumTablesReplicated" -> existing(target.created(), (s, e) -> (double) TABLES_REPLICATED);
                case "IntegrationNumTablesFailedReplication" -> existing(target.created(),
                        (s, e) -> (double) freshness.failingTablesAt(target.arn(), s).size());
                default -> PeriodValues.NONE;
            };
        }
        return PeriodValues.NONE;
    }

    /**
     * The last sync at or before the period's end (and not after now), for the periods that start while it syncs:
     * the value CloudWatch has once the period is over.
     */
    private PeriodValues lastSync(GlueTarget glue) {
        return existing(glue.created(), (s, e) -> {
            if (!freshness.syncingAt(glue.arn(), s)) {
                return null;
            }
            Instant upTo = min(e, now());
            Instant last = freshness.lastSync(glue.arn(), upTo, glue.interval(),
                    glue.created() == null ? Instant.EPOCH : glue.created());
            if (last == null && glue.created() != null && !glue.created().isAfter(upTo)
                    && freshness.syncingAt(glue.arn(), glue.created())) {
                last = glue.created(); // the initial load, before the first sync on the grid
            }
            return last == null ? null : (double) last.getEpochSecond();
        });
    }

    private PeriodValues tableFailed(GlueTarget glue, String table) {
        return existing(glue.created(), (s, e) -> freshness.failingTablesAt(glue.arn(), s).contains(table) ? 1.0 : null);
    }

    /** No datapoint for a period that ended before the integration existed. */
    private static PeriodValues existing(Instant created, PeriodValues values) {
        return created == null ? values : (s, e) -> e.isAfter(created) ? values.at(s, e) : null;
    }

    /** Every period holds one sample: its statistic is the sample, or 1 for the count. */
    private static PeriodValues statistic(PeriodValues values, String stat) {
        if (!stat.equals("SampleCount")) {
            return values;
        }
        return (s, e) -> values.at(s, e) == null ? null : 1.0;
    }

    private GlueTarget glue(Partition partition, String arn) {
        PartitionEstate p = estate.view(partition);
        SimIntegration outbound = p.integrations.get(arn);
        if (outbound != null) {
            return !"ACTIVE".equals(outbound.status()) ? null : new GlueTarget(arn,
                    outbound.refreshInterval() == null ? DEFAULT_SYNC_INTERVAL : outbound.refreshInterval(),
                    outbound.createTime());
        }
        SimInboundIntegration inbound = p.inbound.get(arn);
        return inbound == null || !"ACTIVE".equals(inbound.status()) ? null
                : new GlueTarget(arn, DEFAULT_SYNC_INTERVAL, inbound.createTime());
    }

    /** Bounded: one pass over the partition's RDS and Redshift integrations. */
    private RedshiftTarget redshift(Partition partition, String integrationId) {
        PartitionEstate p = estate.view(partition);
        for (SimRdsIntegration i : p.rdsIntegrations.values()) {
            if (integrationId(i.arn()).equals(integrationId)) {
                return active(i.status()) ? new RedshiftTarget(i.arn(), i.createTime()) : null;
            }
        }
        for (SimRedshiftIntegration i : p.redshiftIntegrations.values()) {
            if (integrationId(i.arn()).equals(integrationId)) {
                return active(i.status()) ? new RedshiftTarget(i.arn(), i.createTime()) : null;
            }
        }
        return null;
    }

    /** The last ARN segment: Redshift's {@code IntegrationId}. */
    static String integrationId(String arn) {
        String tail = arn.substring(arn.lastIndexOf(':') + 1);
        return tail.substring(tail.lastIndexOf('/') + 1);
    }

    private static boolean active(String status) {
        return status != null && status.toLowerCase(Locale.ROOT).equals("active");
    }

    private Instant now() {
        return freshness.clock().instant();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
