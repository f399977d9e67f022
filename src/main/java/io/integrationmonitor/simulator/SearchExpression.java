package io.integrationmonitor.simulator;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one CloudWatch {@code SEARCH} form the simulator serves: the failing tables of one Glue integration,
 * {@code SEARCH('{AWS/Glue/ZeroETL,integrationArn,tableName} MetricName="IngestionFailed" integrationArn="<arn>"',
 * 'Sum', <period>)}. Anything else is refused, never searched: the parse is one bounded regular expression over
 * at most {@value #MAX_LENGTH} characters.
 *
 * @param integrationArn the integration whose tables are searched
 * @param stat           the statistic
 * @param period         seconds, a multiple of 60
 */
record SearchExpression(String integrationArn, String stat, int period) {
    /** CloudWatch's limit on {@code Expression}. */
    static final int MAX_LENGTH = 2048;
    static final String NAMESPACE = "AWS/Glue/ZeroETL";
    static final String METRIC = "IngestionFailed";
    private static final List<String> SCHEMA = List.of(NAMESPACE, "integrationArn", "tableName");
    private static final Pattern SEARCH = Pattern.compile(
            "\\s*SEARCH\\(\\s*'\\{([^{}']{1,200})}((?:\\s+[A-Za-z]{1,32}=\"[^\"']{1,1024}\"){2})\\s*'\\s*,"
                    + "\\s*'([A-Za-z0-9.]{1,16})'\\s*,\\s*(\\d{1,7})\\s*\\)\\s*");
    private static final Pattern TERM = Pattern.compile("([A-Za-z]{1,32})=\"([^\"']{1,1024})\"");
    private static final Pattern STAT = Pattern.compile("SampleCount|Average|Sum|Minimum|Maximum");

    /** @param field the query's form prefix, named in the refusal */
    static SearchExpression parse(String expression, String field) {
        if (expression.length() > MAX_LENGTH) {
            throw unsupported(expression, field);
        }
        Matcher m = SEARCH.matcher(expression);
        if (!m.matches()) {
            throw unsupported(expression, field);
        }
        List<String> schema = Arrays.stream(m.group(1).split(",", -1)).map(String::trim).toList();
        if (!schema.equals(SCHEMA)) {
            throw unsupported(expression, field);
        }
        String metricName = null;
        String arn = null;
        Matcher term = TERM.matcher(m.group(2));
        while (term.find()) {
            switch (term.group(1)) {
                case "MetricName" -> metricName = term.group(2);
                case "integrationArn" -> arn = term.group(2);
                default -> throw unsupported(expression, field);
            }
        }
        if (!METRIC.equals(metricName) || arn == null || !STAT.matcher(m.group(3)).matches()) {
            throw unsupported(expression, field);
        }
        return new SearchExpression(arn, m.group(3), MetricDataRequest.period(m.group(4), field + ".Expression period"));
    }

    private static ApiException unsupported(String expression, String field) {
        return MetricDataRequest.invalid("The expression in " + field + ".Expression is not supported by the "
                + "simulator (only SEARCH('{" + String.join(",", SCHEMA) + "} MetricName=\"" + METRIC
                + "\" integrationArn=\"<arn>\"', '<stat>', <period>)): " + MetricDataRequest.truncated(expression));
    }
}
