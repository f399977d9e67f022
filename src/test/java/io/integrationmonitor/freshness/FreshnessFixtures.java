package io.integrationmonitor.freshness;

import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Shared fixtures of the freshness tests: known resources, watched integrations, GetMetricData XML. */
final class FreshnessFixtures {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";
    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    static final Instant SINCE = NOW.minus(Duration.ofDays(2));

    private FreshnessFixtures() {
    }

    static String glueArn(int i) {
        return String.format("arn:aws:glue:%s:%s:integration:%08d-0000-4000-8000-000000000000", REGION, ACCOUNT, i);
    }

    static String rdsArn(int i) {
        return String.format("arn:aws:rds:%s:%s:integration:%08d-1111-4000-8000-000000000000", REGION, ACCOUNT, i);
    }

    static String redshiftArn(int i) {
        return String.format("arn:aws:redshift:%s:%s:integration:%08d-2222-4000-8000-000000000000", REGION, ACCOUNT,
                i);
    }

    static KnownResource known(ResourceKind kind, String arn, ResourceStatus status, Map<String, String> attributes,
                               Map<String, String> tags) {
        return new KnownResource(new ObservedResource(kind, arn, "name-" + WatchedIntegrations.lastSegment(arn),
                ACCOUNT, REGION, status, List.of(), attributes, tags, null), SINCE, NOW, false);
    }

    static KnownResource active(ResourceKind kind, String arn) {
        return known(kind, arn, ResourceStatus.ACTIVE, Map.of(), Map.of());
    }

    static WatchedIntegration glue(int i) {
        String arn = glueArn(i);
        return new WatchedIntegration(arn, WatchedIntegrations.lastSegment(arn), "glue-" + i,
                ResourceKind.GLUE_INTEGRATION, ACCOUNT, REGION, MetricSource.GLUE, Duration.ofMinutes(15), Map.of(),
                SINCE);
    }

    static WatchedIntegration rds(int i) {
        String arn = rdsArn(i);
        return new WatchedIntegration(arn, WatchedIntegrations.lastSegment(arn), "rds-" + i,
                ResourceKind.RDS_INTEGRATION, ACCOUNT, REGION, MetricSource.REDSHIFT, null, Map.of(), SINCE);
    }

    static List<WatchedIntegration> glue(int from, int count) {
        List<WatchedIntegration> list = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            list.add(glue(i));
        }
        return list;
    }

    /** One {@code MetricDataResults} member in awsQuery XML. */
    static String result(String id, String label, String status, List<Instant> timestamps, List<Double> values) {
        StringBuilder xml = new StringBuilder("<member><Id>").append(id).append("</Id>");
        if (label != null) {
            xml.append("<Label>").append(label).append("</Label>");
        }
        xml.append("<StatusCode>").append(status).append("</StatusCode><Timestamps>");
        timestamps.forEach(t -> xml.append("<member>").append(t).append("</member>"));
        xml.append("</Timestamps><Values>");
        values.forEach(v -> xml.append("<member>").append(v).append("</member>"));
        return xml.append("</Values></member>").toString();
    }

    static String result(String id, List<Instant> timestamps, List<Double> values) {
        return result(id, null, "Complete", timestamps, values);
    }

    /** A GetMetricData response page; {@code nextToken} null on the last. */
    static String page(String nextToken, String... results) {
        return "<GetMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                + "<GetMetricDataResult><MetricDataResults>" + String.join("", results) + "</MetricDataResults>"
                + (nextToken == null ? "" : "<NextToken>" + nextToken + "</NextToken>")
                + "<Messages/></GetMetricDataResult>"
                + "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetMetricDataResponse>";
    }

    static String error(String code) {
        return "<ErrorResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><Error><Type>Sender</Type>"
                + "<Code>" + code + "</Code><Message>User: arn:aws:sts::123456789012:assumed-role/monitor/im is not "
                + "authorized to perform: cloudwatch:GetMetricData</Message></Error><RequestId>r</RequestId>"
                + "</ErrorResponse>";
    }

    /** In-memory {@link FreshnessReadings}: what a test replaced, and how often. */
    static final class MemoryReadings implements FreshnessReadings {
        final Map<String, Map<String, FreshnessReading>> byRegion = new HashMap<>();
        int replaced;

        @Override
        public synchronized Map<String, FreshnessReading> of(String accountId, String region) {
            return Map.copyOf(byRegion.getOrDefault(accountId + "/" + region, Map.of()));
        }

        @Override
        public synchronized void replace(String accountId, String region, List<FreshnessReading> readings) {
            replaced++;
            Map<String, FreshnessReading> map = new HashMap<>();
            readings.forEach(r -> map.put(r.arn(), r));
            byRegion.put(accountId + "/" + region, map);
        }

        @Override
        public synchronized List<FreshnessReading> all() {
            return byRegion.values().stream().flatMap(m -> m.values().stream()).toList();
        }
    }

    /** Records every reconcile call. */
    static final class RecordingSink implements FreshnessAlertSink {
        record Call(String accountId, String region, List<FreshnessFinding> findings, java.util.Set<String> judged,
                    Instant now) {
        }

        final List<Call> calls = new ArrayList<>();

        @Override
        public synchronized void reconcile(String accountId, String region, List<FreshnessFinding> findings,
                                           java.util.Set<String> judged, Instant now) {
            calls.add(new Call(accountId, region, List.copyOf(findings), java.util.Set.copyOf(judged), now));
        }
    }
}
