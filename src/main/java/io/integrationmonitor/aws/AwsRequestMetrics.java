package io.integrationmonitor.aws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.http.HttpMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Counts every HTTP attempt the SDK makes, retries included, as
 * {@code integration_monitor_aws_requests_total{service,operation,outcome}}. Fed by the SDK's own
 * per-call metric collection, so no call site has to remember to count.
 *
 * <p>{@code outcome} is one of {@link Outcome}: throttled attempts that the SDK retried show up as
 * {@code throttled} even when the call finally succeeded.
 */
final class AwsRequestMetrics implements MetricPublisher {
    static final String METER_NAME = "integration.monitor.aws.requests";
    private static final String ATTEMPT = "ApiCallAttempt";

    /** The bounded {@code outcome} label. */
    enum Outcome {
        SUCCESS, THROTTLED, CLIENT_ERROR, SERVER_ERROR, TIMEOUT, NETWORK_ERROR, OTHER;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;

    AwsRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void publish(MetricCollection call) {
        String service = serviceLabel(first(call.metricValues(CoreMetric.SERVICE_ID)));
        String operation = orUnknown(first(call.metricValues(CoreMetric.OPERATION_NAME)));
        call.childrenWithName(ATTEMPT).forEach(attempt -> Counter.builder(METER_NAME)
                .description("HTTP attempts made to AWS APIs, retries included")
                .tag("service", service)
                .tag("operation", operation)
                .tag("outcome", outcomeOf(attempt).label())
                .register(registry)
                .increment());
    }

    @Override
    public void close() {
        // Nothing to flush: counters live in the registry.
    }

    static Outcome outcomeOf(MetricCollection attempt) {
        // Values of the SDK's SdkErrorType, recorded only for failed attempts. "ServerError" means any error
        // response from the service, 4xx included, so then the HTTP status decides.
        String errorType = first(attempt.metricValues(CoreMetric.ERROR_TYPE));
        if ("Throttling".equals(errorType)) {
            return Outcome.THROTTLED;
        }
        if ("ConfiguredTimeout".equals(errorType)) {
            return Outcome.TIMEOUT;
        }
        if ("IO".equals(errorType)) {
            return Outcome.NETWORK_ERROR;
        }
        Integer status = httpStatus(attempt);
        if (status == null) {
            return Outcome.OTHER;
        }
        if (status == 429) {
            return Outcome.THROTTLED;
        }
        if (status >= 500) {
            return Outcome.SERVER_ERROR;
        }
        if (status >= 400) {
            return Outcome.CLIENT_ERROR;
        }
        // A 2xx whose body could not be read still failed.
        return errorType == null ? Outcome.SUCCESS : Outcome.OTHER;
    }

    private static Integer httpStatus(MetricCollection attempt) {
        Integer status = first(attempt.metricValues(HttpMetric.HTTP_STATUS_CODE));
        if (status != null) {
            return status;
        }
        return attempt.children().stream()
                .map(child -> first(child.metricValues(HttpMetric.HTTP_STATUS_CODE)))
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    /** "Glue", "AppIntegrations", "STS", "SNS" -> "glue", "appintegrations", "sts", "sns". */
    static String serviceLabel(String serviceId) {
        return orUnknown(serviceId).toLowerCase(Locale.ROOT).replace(" ", "");
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? "unknown" : value;
    }

    private static <T> T first(List<T> values) {
        return values.isEmpty() ? null : values.get(0);
    }
}
