package io.integrationmonitor.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationmonitor.aws.AwsRequestMetrics.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.http.HttpMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricCollector;

class AwsRequestMetricsTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "null, 200, SUCCESS",
        "Throttling, 400, THROTTLED",
        "Throttling, null, THROTTLED",
        "ServerError, 429, THROTTLED",
        "ServerError, 400, CLIENT_ERROR",
        "ServerError, 403, CLIENT_ERROR",
        "ServerError, 500, SERVER_ERROR",
        "ServerError, 503, SERVER_ERROR",
        "ConfiguredTimeout, null, TIMEOUT",
        "IO, null, NETWORK_ERROR",
        "Other, 200, OTHER",
        "Other, null, OTHER"})
    void outcomeOfAnAttempt(String errorType, Integer status, Outcome expected) {
        // given
        MetricCollector attempt = MetricCollector.create("ApiCallAttempt");
        if (errorType != null) {
            attempt.reportMetric(CoreMetric.ERROR_TYPE, errorType);
        }
        if (status != null) {
            attempt.reportMetric(HttpMetric.HTTP_STATUS_CODE, status);
        }

        // when / then
        assertThat(AwsRequestMetrics.outcomeOf(attempt.collect())).isEqualTo(expected);
    }

    @Test
    void countsEachAttemptChildWithLowerCaseServiceLabel() {
        // given one call with two attempts
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MetricCollector call = MetricCollector.create("ApiCall");
        call.reportMetric(CoreMetric.SERVICE_ID, "AppIntegrations");
        call.reportMetric(CoreMetric.OPERATION_NAME, "ListDataIntegrations");
        MetricCollector first = call.createChild("ApiCallAttempt");
        first.reportMetric(HttpMetric.HTTP_STATUS_CODE, 429);
        first.reportMetric(CoreMetric.ERROR_TYPE, "Throttling");
        call.createChild("ApiCallAttempt").reportMetric(HttpMetric.HTTP_STATUS_CODE, 200);
        MetricCollection collected = call.collect();

        // when
        new AwsRequestMetrics(registry).publish(collected);

        // then
        assertThat(registry.get(AwsRequestMetrics.METER_NAME)
                .tags("service", "appintegrations", "operation", "ListDataIntegrations", "outcome", "throttled")
                .counter().count()).isEqualTo(1.0);
        assertThat(registry.get(AwsRequestMetrics.METER_NAME)
                .tags("service", "appintegrations", "operation", "ListDataIntegrations", "outcome", "success")
                .counter().count()).isEqualTo(1.0);
    }
}
