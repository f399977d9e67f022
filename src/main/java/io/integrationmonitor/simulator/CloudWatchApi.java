package io.integrationmonitor.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch {@code GetMetricData} over awsQuery, as the SDK's {@code CloudWatchClient} speaks it (API version
 * 2010-08-01, SigV4 signing name {@code monitoring}): a form in, XML in the monitoring namespace out, errors as
 * {@code ErrorResponse/Error/{Code,Message}}. The series come from {@link ZeroEtlMetrics}; see
 * {@link MetricDataRequest} for what is refused.
 *
 * <p>Pages as CloudWatch does: results in query order (a SEARCH's, by label, after one another), each query's
 * datapoints in {@code ScanBy} order, at most {@code MaxDatapoints} (and {@link SimFreshness#pageDatapoints}) per
 * page; a result cut by the page is {@code PartialData} and continues on the next. The {@code NextToken} names
 * where, bound to the request it came from: another request's token is refused.
 *
 * <p>Periods start at {@code StartTime} rounded down to the minute, every {@code Period}, before {@code EndTime}
 * and before now; none older than CloudWatch keeps that resolution (15 days under 5 minutes, 63 days under an
 * hour, else 455 days). So every request's work is bounded: at most {@value #MAX_SERIES} series of at most 21,600
 * periods each.
 */
final class CloudWatchApi implements ServiceApi {
    static final String NAMESPACE = "http://monitoring.amazonaws.com/doc/2010-08-01/";
    static final String VERSION = "2010-08-01";
    /** The most series one request may ask for, SEARCH results included. */
    static final int MAX_SERIES = 2000;
    private static final String ACTION = "GetMetricData";
    private static final String TOKEN_PREFIX = "gmd1";

    /** A series to answer, at its period. */
    private record Planned(ZeroEtlMetrics.Series series, int period) {
    }

    /** The next page starts at this series, this many periods into it (in scan order). */
    private record Cursor(int series, long position) {
    }

    private final ZeroEtlMetrics metrics;
    private final SimFreshness freshness;

    CloudWatchApi(Estate estate, SimFreshness freshness) {
        this.metrics = new ZeroEtlMetrics(estate, freshness);
        this.freshness = freshness;
    }

    /** An awsQuery form meant for CloudWatch: its API version, else a {@code monitoring} SigV4 scope. */
    static boolean owns(Map<String, String> form, String authorization) {
        String version = form.get("Version");
        return version != null ? version.equals(VERSION)
                : authorization != null && authorization.contains("/monitoring/aws4_request");
    }

    static Operation operationOf(Map<String, String> form) {
        return Operation.byServiceAndName("cloudwatch", form.getOrDefault("Action", ""));
    }

    @Override
    public SimResponse handle(Operation operation, SimRequest request) {
        if (operation != Operation.CLOUDWATCH_GET_METRIC_DATA) {
            throw new ApiException(400, "InvalidAction", "Could not find operation " + operation.awsName());
        }
        if (freshness.denied(request.context().account())) {
            throw new ApiException(403, "AccessDenied", "User: " + request.context().caller().arn()
                    + " is not authorized to perform: cloudwatch:GetMetricData because no identity-based policy "
                    + "allows the cloudwatch:GetMetricData action");
        }
        MetricDataRequest r = MetricDataRequest.parse(request.params());
        Instant now = freshness.clock().instant();
        List<Planned> planned = plan(request.context().partition(), r, now);
        String fingerprint = fingerprint(request.params());
        Cursor cursor = r.nextToken() == null ? new Cursor(0, 0) : decode(r.nextToken(), fingerprint);
        if (cursor.series() > planned.size() || (cursor.series() < planned.size() && cursor.position()
                > periods(r, planned.get(cursor.series()).period(), now).count())) {
            throw invalidToken();
        }
        int cap = Math.min(r.maxDatapoints(), freshness.pageCap());
        StringBuilder xml = new StringBuilder(QueryProtocol.resultHead(NAMESPACE, ACTION)).append("<MetricDataResults>");
        int datapoints = 0;
        String next = null;
        int si = cursor.series();
        long position = cursor.position();
        while (si < planned.size()) {
            if (datapoints == cap) {
                next = encode(fingerprint, new Cursor(si, position));
                break;
            }
            Planned p = planned.get(si);
            Periods periods = periods(r, p.period(), now);
            List<Instant> timestamps = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            long i = position;
            for (; i < periods.count() && datapoints < cap; i++) {
                Instant start = periods.start(i);
                Double v = p.series().values().at(start, start.plusSeconds(p.period()));
                if (v != null) {
                    timestamps.add(start);
                    values.add(v);
                    datapoints++;
                }
            }
            boolean partial = i < periods.count();
            appendResult(xml, p.series(), partial, timestamps, values);
            if (partial) {
                next = encode(fingerprint, new Cursor(si, i));
                break;
            }
            si++;
            position = 0;
        }
        xml.append("</MetricDataResults>");
        if (next != null) {
            xml.append(Xml.element("NextToken", next));
        }
        xml.append("<Messages/>").append(QueryProtocol.resultTail(ACTION, request.requestId()));
        return SimResponse.of(200, QueryProtocol.CONTENT_TYPE, xml.toString());
    }

    /** Every query validated, the returned ones resolved to their series. */
    private List<Planned> plan(Partition partition, MetricDataRequest r, Instant now) {
        List<Planned> planned = new ArrayList<>();
        for (MetricDataRequest.Query q : r.queries()) {
            if (q.expression() != null) {
                SearchExpression search = SearchExpression.parse(q.expression(), q.field());
                if (q.returnData()) {
                    Instant to = r.end().isBefore(now) ? r.end() : now;
                    metrics.search(partition, q.id(), search, r.start(), to)
                            .forEach(s -> planned.add(new Planned(s, search.period())));
                }
            } else if (q.returnData()) {
                planned.add(new Planned(metrics.metric(partition, q), q.metric().period()));
            }
            if (planned.size() > MAX_SERIES) {
                throw MetricDataRequest.invalid("The MetricDataQueries of this request return more than "
                        + MAX_SERIES + " time series.");
            }
        }
        return planned;
    }

    private static void appendResult(StringBuilder xml, ZeroEtlMetrics.Series series, boolean partial,
                                     List<Instant> timestamps, List<Double> values) {
        xml.append("<member>").append(Xml.element("Id", series.id())).append(Xml.element("Label", series.label()))
                .append(Xml.element("StatusCode", partial ? "PartialData" : "Complete")).append("<Timestamps>");
        timestamps.forEach(t -> xml.append(Xml.element("member", t.toString())));
        xml.append("</Timestamps><Values>");
        values.forEach(v -> xml.append(Xml.element("member", number(v))));
        xml.append("</Values></member>");
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The periods of one series, in scan order: index {@code i} to its start. */
    private record Periods(long firstMillis, long periodMillis, long low, long high, boolean descending) {
        long count() {
            return Math.max(0, high - low);
        }

        Instant start(long i) {
            long k = descending ? high - 1 - i : low + i;
            return Instant.ofEpochMilli(firstMillis + k * periodMillis);
        }
    }

    private static Periods periods(MetricDataRequest r, int periodSeconds, Instant now) {
        long first = Math.floorDiv(r.start().getEpochSecond(), 60) * 60_000;
        long period = periodSeconds * 1000L;
        Instant upper = r.end().isBefore(now) ? r.end() : now;
        long high = ceilDiv(upper.toEpochMilli() - first, period);
        long low = ceilDiv(now.minus(retention(periodSeconds)).toEpochMilli() - first, period);
        return new Periods(first, period, Math.max(0, low), Math.max(0, high), r.descending());
    }

    private static long ceilDiv(long a, long b) {
        return a <= 0 ? 0 : (a + b - 1) / b;
    }

    /** How long CloudWatch keeps datapoints of this period. */
    private static Duration retention(int periodSeconds) {
        return periodSeconds < 300 ? Duration.ofDays(15) : periodSeconds < 3600 ? Duration.ofDays(63)
                : Duration.ofDays(455);
    }

    private static String fingerprint(Map<String, String> form) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(MetricDataRequest.fingerprintSource(form).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static String encode(String fingerprint, Cursor cursor) {
        String raw = TOKEN_PREFIX + ":" + fingerprint + ":" + cursor.series() + ":" + cursor.position();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Cursor decode(String token, String fingerprint) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":", -1);
            if (parts.length != 4 || !parts[0].equals(TOKEN_PREFIX) || !parts[1].equals(fingerprint)) {
                throw invalidToken();
            }
            Cursor cursor = new Cursor(Integer.parseInt(parts[2]), Long.parseLong(parts[3]));
            if (cursor.series() < 0 || cursor.position() < 0) {
                throw invalidToken();
            }
            return cursor;
        } catch (IllegalArgumentException e) {
            throw invalidToken();
        }
    }

    private static ApiException invalidToken() {
        return new ApiException(400, "InvalidNextToken", "The parameter NextToken is not valid for this request.");
    }

    @Override
    public SimResponse error(ApiException error, SimRequest request) {
        return QueryProtocol.error(NAMESPACE, error, request.requestId());
    }

    /** What CloudWatch answers a caller over its rate (awsQuery), and the SDK retries. */
    @Override
    public ApiException throttling() {
        return new ApiException(400, "Throttling", "Rate exceeded");
    }

    @Override
    public ApiException internalError() {
        return new ApiException(500, "InternalServiceError", "Internal service error");
    }

    @Override
    public SimResponse malformed(Operation operation) {
        return SimResponse.of(200, QueryProtocol.CONTENT_TYPE, QueryProtocol.resultHead(NAMESPACE, ACTION)
                + "<MetricDataResults><member><Id>m1</Id><Timestamps><member>2026-");
    }
}
