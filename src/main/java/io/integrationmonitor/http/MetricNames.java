package io.integrationmonitor.http;

import io.prometheus.metrics.model.registry.MetricNameFilter;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The {@code name[]} parameters of {@code GET /metrics}, as client_java's exporters take them: only the families
 * named are written, so a tool (or the benchmark) that reads a few self-metrics does not fetch every resource's
 * series. A name matches its family with or without a sample suffix ({@code _total}, {@code _count}, ...).
 */
final class MetricNames {
    static final String PARAMETER = "name[]";
    /** Bounds the work one request can ask for; far more than any tool names. */
    static final int MAX_NAMES = 100;
    private static final int MAX_LENGTH = 200;
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    /** How much of a rejected value the error repeats. */
    private static final int SHOWN = 40;

    private MetricNames() {
    }

    /** {@link #SHOWN} characters, or one fewer rather than half of a surrogate pair. */
    private static int cut(String name) {
        return Character.isHighSurrogate(name.charAt(SHOWN - 1)) ? SHOWN - 1 : SHOWN;
    }

    /** Every family when no name is given. */
    static Predicate<String> filter(List<String> names) throws BadRequestException {
        if (names.isEmpty()) {
            return name -> true;
        }
        if (names.size() > MAX_NAMES) {
            throw new BadRequestException(PARAMETER, "at most " + MAX_NAMES + " '" + PARAMETER + "' values, "
                    + names.size() + " given");
        }
        for (String name : names) {
            if (name.length() > MAX_LENGTH || !METRIC_NAME.matcher(name).matches()) {
                String shown = name.length() > SHOWN ? name.substring(0, cut(name)) + "..." : name;
                throw new BadRequestException(PARAMETER, "'" + PARAMETER + "' value '" + shown
                        + "' is not a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*, at most " + MAX_LENGTH + " characters)");
            }
        }
        return MetricNameFilter.builder().nameMustBeEqualTo(names).build();
    }
}
