package io.integrationmonitor.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationmonitor.aws.AwsClientFactory;
import io.integrationmonitor.aws.LoopbackAws;
import io.integrationmonitor.config.AwsConfig;
import io.integrationmonitor.config.EndpointsConfig;
import io.integrationmonitor.config.MonitorConfig;
import io.integrationmonitor.config.RedshiftFilter;
import io.integrationmonitor.config.RedshiftInboundIntegrationsSource;
import io.integrationmonitor.config.RedshiftIntegrationsSource;
import io.integrationmonitor.config.RetryConfig;
import io.integrationmonitor.config.SourcesConfig;
import io.integrationmonitor.config.TargetConfig;
import io.integrationmonitor.simulator.AwsSimulator;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.Partition;
import io.integrationmonitor.simulator.SimRedshiftInboundIntegration;
import io.integrationmonitor.simulator.SimRedshiftIntegration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The configured Filters and scopes go over the wire through the real RedshiftClient, and the simulator applies them. */
class RedshiftScopesTest {
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "us-east-1";
    private static final Partition HOME = new Partition(ACCOUNT, REGION);

    private AwsSimulator simulator;
    private AwsClientFactory clients;

    @BeforeEach
    void start() {
        simulator = AwsSimulator.start(0);
        simulator.estate().populate(HOME, new EstateSpec(0, 0, 0, 0, 2).withRedshift(8, 7));
    }

    @AfterEach
    void stop() {
        if (clients != null) {
            clients.close();
        }
        simulator.close();
    }

    @Test
    void filtersReachDescribeIntegrations() throws Exception {
        // given two failed integrations of eight, and a source filtering on status
        List<SimRedshiftIntegration> all = simulator.estate().redshiftIntegrations(HOME);
        simulator.estate().setRedshiftStatus(all.get(1).arn(), "failed", List.of());
        simulator.estate().setRedshiftStatus(all.get(6).arn(), "failed", List.of());
        RedshiftIntegrationsSource source = new RedshiftIntegrationsSource(true, null, 20,
                List.of(new RedshiftFilter("status", List.of("failed")),
                        new RedshiftFilter("source-types", List.of("dynamodb"))), null, null);

        // when polled
        Snapshot snapshot = poll(Source.REDSHIFT_INTEGRATIONS, new SourcesConfig(null, null, null, null, source, null));

        // then only the failed ones were listed
        assertThat(snapshot.resources()).extracting(ObservedResource::arn)
                .containsExactlyInAnyOrder(all.get(1).arn(), all.get(6).arn());
    }

    @Test
    void targetAndIntegrationScopesReachDescribeInboundIntegrations() throws Exception {
        // given seven inbound integrations, each into its own namespace
        SimRedshiftInboundIntegration picked = simulator.estate().redshiftInboundIntegrations(HOME).get(4);

        // when polled scoped to one namespace, then to one integration
        Snapshot byTarget = poll(Source.REDSHIFT_INBOUND_INTEGRATIONS, new SourcesConfig(null, null, null, null, null,
                new RedshiftInboundIntegrationsSource(true, null, null, picked.targetArn(), null, null, null)));
        Snapshot byArn = poll(Source.REDSHIFT_INBOUND_INTEGRATIONS, new SourcesConfig(null, null, null, null, null,
                new RedshiftInboundIntegrationsSource(true, null, null, null, picked.arn(), null, null)));

        // then each lists just that one
        assertThat(byTarget.resources()).extracting(ObservedResource::arn).containsExactly(picked.arn());
        assertThat(byArn.resources()).extracting(ObservedResource::arn).containsExactly(picked.arn());
    }

    private Snapshot poll(Source source, SourcesConfig sources) throws PollFailedException {
        AwsConfig aws = new AwsConfig(REGION, EndpointsConfig.all(simulator.endpoint()),
                new RetryConfig(RetryConfig.Mode.STANDARD, 2), Duration.ofSeconds(20), Duration.ofSeconds(10), 2);
        MonitorConfig config = new MonitorConfig(aws, List.of(new TargetConfig(ACCOUNT, null, null, null,
                List.of(REGION))), sources, null, null, null, null, null, null, null, null, null, null);
        if (clients != null) {
            clients.close();
        }
        clients = new AwsClientFactory(config.aws(), new SimpleMeterRegistry(), LoopbackAws.TEST_CREDENTIALS);
        return new PollerFactory(config, clients, Clock.systemUTC()).create(new PollTarget(source, ACCOUNT, REGION))
                .poll();
    }
}
