package io.integrationmonitor.freshness;

import io.integrationmonitor.aws.AwsClientFactory;
import io.integrationmonitor.aws.LoopbackAws;
import io.integrationmonitor.config.AwsConfig;
import io.integrationmonitor.config.EndpointsConfig;
import io.integrationmonitor.config.RetryConfig;
import io.integrationmonitor.config.TargetConfig;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

import java.time.Duration;
import java.util.Map;

/** A real SDK {@link CloudWatchClient} (through the client factory) against a scripted awsQuery endpoint on loopback. */
final class CloudWatchLoopback implements AutoCloseable {
    final LoopbackAws aws;
    private final AwsClientFactory factory;
    final CloudWatchClient cloudWatch;

    CloudWatchLoopback(MeterRegistry registry) throws Exception {
        aws = new LoopbackAws();
        // one attempt per call: a scripted 500 is one request, not five
        AwsConfig config = new AwsConfig(FreshnessFixtures.REGION, EndpointsConfig.all(aws.endpoint()),
                new RetryConfig(RetryConfig.Mode.STANDARD, 1), Duration.ofSeconds(30), Duration.ofSeconds(10), 4);
        factory = new AwsClientFactory(config, registry, LoopbackAws.TEST_CREDENTIALS);
        cloudWatch = factory.cloudWatch(TargetConfig.defaults(), FreshnessFixtures.REGION);
    }

    CloudWatchLoopback page(String xml) {
        aws.xmlOk(xml);
        return this;
    }

    CloudWatchLoopback error(int status, String code) {
        aws.respond(status, Map.of("Content-Type", "text/xml"), FreshnessFixtures.error(code));
        return this;
    }

    int requests() {
        return aws.requests().size();
    }

    @Override
    public void close() {
        factory.close();
        aws.close();
    }
}
