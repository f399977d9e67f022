package io.integrationmonitor.simulator;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code GetMetricData} form, parsed and validated as CloudWatch does (awsQuery: {@code MetricDataQueries.member.N.
 * {Id, MetricStat.{Metric.{Namespace, MetricName, Dimensions.member.K.{Name, Value}}, Period, Stat}, Expression,
 * Label, ReturnData, Period}}, {@code StartTime}, {@code EndTime}, {@code NextToken}, {@code MaxDatapoints},
 * {@code ScanBy}). Every refusal is a 400 whose message names the field.
 */
record MetricDataRequest(List<Query> queries, Instant start, Instant end, int maxDatapoints, boolean descending,
                         String nextToken) {
    static final int MAX_QUERIES = 500;
    private static final int MAX_DIMENSIONS = 30;
    private static final int MAX_TEXT = 1024;
    private static final String QUERIES = "MetricDataQueries";
    private static final Pattern MEMBER = Pattern.compile("^MetricDataQueries\\.member\\.(\\d{1,6})\\.");
    private static final List<String> METRIC_STAT_MEMBERS =
            List.of("Metric.Namespace", "Metric.MetricName", "Period", "Stat", "Unit");
    private static final Pattern ID = Pattern.compile("^[a-z][a-zA-Z0-9_]*$");
    private static final Pattern STAT = Pattern.compile(
            "SampleCount|Average|Sum|Minimum|Maximum|p\\d{1,2}(\\.\\d{1,2})?|p100");

    /**
     * One query: a metric ({@code metric} set) or an expression ({@code expression} set).
     *
     * @param field its form prefix, e.g. {@code MetricDataQueries.member.3}, for messages
     */
    record Query(String field, String id, String label, boolean returnData, MetricStat metric, String expression) {
    }

    /** {@code MetricStat}: a metric by namespace, name and exact dimensions, at a period, by a statistic. */
    record MetricStat(String namespace, String metricName, Map<String, String> dimensions, int period, String stat) {
        MetricStat {
            dimensions = Map.copyOf(dimensions);
        }
    }

    static MetricDataRequest parse(Map<String, String> form) {
        Instant start = time(form, "StartTime");
        Instant end = time(form, "EndTime");
        if (!start.isBefore(end)) {
            throw invalid("The parameter StartTime must be less than the parameter EndTime.");
        }
        List<Query> queries = queries(form);
        int maxDatapoints = SimFreshness.MAX_PAGE_DATAPOINTS;
        String rawMax = form.get("MaxDatapoints");
        if (rawMax != null) {
            maxDatapoints = positive(rawMax, "MaxDatapoints");
        }
        String scanBy = form.getOrDefault("ScanBy", "TimestampDescending");
        if (!scanBy.equals("TimestampDescending") && !scanBy.equals("TimestampAscending")) {
            throw invalid("The parameter ScanBy must be TimestampDescending or TimestampAscending.");
        }
        String token = form.get("NextToken");
        return new MetricDataRequest(queries, start, end, maxDatapoints, scanBy.equals("TimestampDescending"),
                token == null || token.isEmpty() ? null : token);
    }

    /** The form without its {@code NextToken}: what a token is bound to. */
    static String fingerprintSource(Map<String, String> form) {
        Map<String, String> sorted = new TreeMap<>(form);
        sorted.remove("NextToken");
        return sorted.toString();
    }

    private static List<Query> queries(Map<String, String> form) {
        TreeSet<Integer> members = new TreeSet<>();
        for (String key : form.keySet()) {
            Matcher m = MEMBER.matcher(key);
            if (m.find()) {
                members.add(Integer.parseInt(m.group(1)));
            }
        }
        if (members.isEmpty() || members.size() > MAX_QUERIES) {
            throw invalid("The collection " + QUERIES + " must contain between 1 and " + MAX_QUERIES
                    + " items; it has " + members.size() + ".");
        }
        int n = members.size();
        if (members.first() != 1 || members.last() != n) {
            throw invalid("The collection " + QUERIES + " must be numbered from member.1 without gaps.");
        }
        List<Query> queries = new ArrayList<>(n);
        Set<String> ids = new HashSet<>();
        for (int i = 1; i <= n; i++) {
            Query q = query(form, QUERIES + ".member." + i);
            if (!ids.add(q.id())) {
                throw invalid("The values for parameter " + QUERIES + ".member.N.Id must be unique: "
                        + q.field() + ".Id '" + q.id() + "' is used twice.");
            }
            queries.add(q);
        }
        return queries;
    }

    private static Query query(Map<String, String> form, String field) {
        String id = form.get(field + ".Id");
        if (id == null || id.isEmpty()) {
            throw new ApiException(400, "MissingParameter", "The parameter " + field + ".Id is required.");
        }
        if (id.length() > 255 || !ID.matcher(id).matches()) {
            throw invalid("The value '" + truncated(id) + "' for parameter " + field + ".Id is not valid: it must "
                    + "start with a lowercase letter and contain only letters, digits and underscores.");
        }
        String label = text(form, field + ".Label");
        String rawReturn = form.getOrDefault(field + ".ReturnData", "true");
        if (!rawReturn.equals("true") && !rawReturn.equals("false")) {
            throw invalid("The parameter " + field + ".ReturnData must be true or false.");
        }
        String expression = form.get(field + ".Expression");
        boolean hasMetric = METRIC_STAT_MEMBERS.stream().anyMatch(m -> form.containsKey(field + ".MetricStat." + m));
        if ((expression != null) == hasMetric) {
            throw invalid("Exactly one of " + field + ".MetricStat and " + field + ".Expression must be set.");
        }
        if (expression != null) {
            if (expression.isEmpty() || expression.length() > SearchExpression.MAX_LENGTH) {
                throw invalid("The parameter " + field + ".Expression must be 1 to " + SearchExpression.MAX_LENGTH
                        + " characters long.");
            }
            return new Query(field, id, label, rawReturn.equals("true"), null, expression);
        }
        return new Query(field, id, label, rawReturn.equals("true"), metricStat(form, field + ".MetricStat"), null);
    }

    private static MetricStat metricStat(Map<String, String> form, String field) {
        String namespace = required(form, field + ".Metric.Namespace");
        String metricName = required(form, field + ".Metric.MetricName");
        Map<String, String> dimensions = new TreeMap<>();
        for (int k = 1; form.containsKey(field + ".Metric.Dimensions.member." + k + ".Name"); k++) {
            String dim = field + ".Metric.Dimensions.member." + k;
            if (k > MAX_DIMENSIONS) {
                throw invalid("The collection " + field + ".Metric.Dimensions must contain at most "
                        + MAX_DIMENSIONS + " items.");
            }
            String name = required(form, dim + ".Name");
            if (dimensions.put(name, required(form, dim + ".Value")) != null) {
                throw invalid("The dimension name '" + truncated(name) + "' is repeated in " + field
                        + ".Metric.Dimensions.");
            }
        }
        int period = period(required(form, field + ".Period"), field + ".Period");
        String stat = required(form, field + ".Stat");
        if (!STAT.matcher(stat).matches()) {
            throw invalid("The value '" + truncated(stat) + "' for parameter " + field + ".Stat is not a valid "
                    + "statistic.");
        }
        return new MetricStat(namespace, metricName, dimensions, period, stat);
    }

    /** A period in seconds: a positive multiple of 60. */
    static int period(String raw, String field) {
        int period = positive(raw, field);
        if (period % 60 != 0) {
            throw invalid("The parameter " + field + " must be a multiple of 60; got " + period + ".");
        }
        return period;
    }

    private static int positive(String raw, String field) {
        try {
            int v = Integer.parseInt(raw.trim());
            if (v < 1) {
                throw invalid("The parameter " + field + " must be a positive integer; got " + v + ".");
            }
            return v;
        } catch (NumberFormatException e) {
            throw invalid("The parameter " + field + " must be an integer; got '" + truncated(raw) + "'.");
        }
    }

    private static Instant time(Map<String, String> form, String field) {
        String raw = required(form, field);
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw invalid("The parameter " + field + " must be an ISO 8601 timestamp; got '" + truncated(raw) + "'.");
        }
    }

    private static String required(Map<String, String> form, String field) {
        String v = text(form, field);
        if (v == null || v.isEmpty()) {
            throw new ApiException(400, "MissingParameter", "The parameter " + field + " is required.");
        }
        return v;
    }

    private static String text(Map<String, String> form, String field) {
        String v = form.get(field);
        if (v != null && v.length() > MAX_TEXT) {
            throw invalid("The parameter " + field + " must be at most " + MAX_TEXT + " characters long.");
        }
        return v;
    }

    static String truncated(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }

    static ApiException invalid(String message) {
        return new ApiException(400, "ValidationError", message);
    }
}
