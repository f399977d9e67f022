package io.integrationmonitor.simulator;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appintegrations.AppIntegrationsClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.redshift.RedshiftClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Real SDK v2 clients pointed at the simulator, the way the monitor builds them. */
final class SdkClients {
    static final AwsCredentials BASE = AwsBasicCredentials.create("AKIASIMULATORTEST01", "not-a-real-secret");

    private final URI endpoint;

    SdkClients(URI endpoint) {
        this.endpoint = endpoint;
    }

    GlueClient glue() {
        return glue(BASE, Region.US_EAST_1, false);
    }

    GlueClient glue(AwsCredentials credentials, Region region, boolean standardRetries) {
        return configure(GlueClient.builder(), credentials, region, standardRetries).build();
    }

    AppIntegrationsClient appIntegrations() {
        return configure(AppIntegrationsClient.builder(), BASE, Region.US_EAST_1, false).build();
    }

    RdsClient rds() {
        return rds(false);
    }

    RdsClient rds(boolean standardRetries) {
        return configure(RdsClient.builder(), BASE, Region.US_EAST_1, standardRetries).build();
    }

    RedshiftClient redshift() {
        return redshift(false);
    }

    RedshiftClient redshift(boolean standardRetries) {
        return configure(RedshiftClient.builder(), BASE, Region.US_EAST_1, standardRetries).build();
    }

    CloudWatchClient cloudWatch() {
        return cloudWatch(BASE);
    }

    CloudWatchClient cloudWatch(AwsCredentials credentials) {
        return configure(CloudWatchClient.builder(), credentials, Region.US_EAST_1, false).build();
    }

    SnsClient sns() {
        return configure(SnsClient.builder(), BASE, Region.US_EAST_1, false).build();
    }

    SqsClient sqs(boolean standardRetries) {
        return configure(SqsClient.builder(), BASE, Region.US_EAST_1, standardRetries).build();
    }

    StsClient sts() {
        return configure(StsClient.builder(), BASE, Region.US_EAST_1, false).build();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, AwsCredentials credentials, Region region,
                                                           boolean standardRetries) {
        builder.endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(o -> {
                    if (standardRetries) {
                        o.retryStrategy(RetryMode.STANDARD);
                    } else {
                        o.retryStrategy(AwsRetryStrategy.doNotRetry());
                    }
                });
        if (builder instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(ApacheHttpClient.builder());
        }
        return builder;
    }
}
