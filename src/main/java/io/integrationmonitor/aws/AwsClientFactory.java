package io.integrationmonitor.aws;

import io.integrationmonitor.config.AwsConfig;
import io.integrationmonitor.config.StartupException;
import io.integrationmonitor.config.TargetConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.appintegrations.AppIntegrationsClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.redshift.RedshiftClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds the AWS SDK clients, one per service, identity and region, and keeps them until {@link #close()}.
 * All clients share one Apache HTTP connection pool, the configured retry strategy and timeouts, and the
 * request-metrics publisher ({@code integration_monitor_aws_requests_total}), and every request passes the
 * per-account {@link RequestLimits} (concurrency and rate, retries included): see {@link ClientSetup}.
 *
 * <p>An identity is the default credential chain, or an STS role assumed with it ({@link RoleCredentials}).
 * Endpoints come from {@code aws.endpoints} when set; otherwise the SDK resolves them itself, honouring
 * {@code AWS_ENDPOINT_URL} and {@code AWS_ENDPOINT_URL_<SERVICE>}. A new service is one method calling
 * {@link #client}. Thread-safe.
 */
public final class AwsClientFactory implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AwsClientFactory.class);

    private final AwsConfig config;
    private final AwsCredentialsProvider ownedCredentials;
    private final boolean ownsBaseCredentials;
    private final ClientSetup setup;
    private final RoleCredentials credentials;
    private final RegionResolver regions;
    private final AccountIds accountIds;

    // Guarded by this: clients are built rarely (once per identity and region), so a lock is simplest.
    private final Map<ClientKey, SdkClient> clients = new HashMap<>();
    private boolean closed;

    /** Production: the default credential chain and the SDK's region chain. */
    public AwsClientFactory(AwsConfig config, MeterRegistry registry) {
        this(config, registry, DefaultCredentialsProvider.builder().build(), true, new DefaultAwsRegionProviderChain());
    }

    /**
     * With explicit base credentials instead of the default chain (tests, the embedded simulator).
     * The caller keeps ownership of {@code baseCredentials}.
     */
    public AwsClientFactory(AwsConfig config, MeterRegistry registry, AwsCredentialsProvider baseCredentials) {
        this(config, registry, baseCredentials, false, new DefaultAwsRegionProviderChain());
    }

    AwsClientFactory(AwsConfig config, MeterRegistry registry, AwsCredentialsProvider baseCredentials,
                     boolean ownsBaseCredentials, AwsRegionProvider regionChain) {
        this.config = Objects.requireNonNull(config, "config");
        this.ownedCredentials = Objects.requireNonNull(baseCredentials, "baseCredentials");
        this.ownsBaseCredentials = ownsBaseCredentials;
        this.regions = new RegionResolver(config.region(), regionChain);
        this.setup = new ClientSetup(config, Objects.requireNonNull(registry, "registry"));
        this.credentials = new RoleCredentials(new CheckedCredentials(baseCredentials),
                region -> sts(TargetConfig.defaults(), region));
        this.accountIds = new AccountIds(
                target -> sts(target, regionsFor(target).get(0)).getCallerIdentity().account());
    }

    public GlueClient glue(TargetConfig target, String region) {
        return client("glue", GlueClient::builder, config.endpoints().glue(), target, region);
    }

    public AppIntegrationsClient appIntegrations(TargetConfig target, String region) {
        return client("appintegrations", AppIntegrationsClient::builder, config.endpoints().appintegrations(),
                target, region);
    }

    public RdsClient rds(TargetConfig target, String region) {
        return client("rds", RdsClient::builder, config.endpoints().rds(), target, region);
    }

    public RedshiftClient redshift(TargetConfig target, String region) {
        return client("redshift", RedshiftClient::builder, config.endpoints().redshift(), target, region);
    }

    /**
     * For the freshness polls ({@code GetMetricData}): the same pool, limits, retries and request metrics as the
     * status polls, endpoint {@code aws.endpoints.cloudwatch}.
     */
    public CloudWatchClient cloudWatch(TargetConfig target, String region) {
        return client("cloudwatch", CloudWatchClient::builder, config.endpoints().cloudwatch(), target, region);
    }

    /**
     * For the events source: long-polls. The shared attempt timeout ({@code aws.api_call_attempt_timeout}, 15 s
     * by default) and HTTP read timeout are below a 20 s long poll, so this client has its own connections and
     * timeouts above the wait, and a concurrency lane apart from the polls' ({@link ClientSetup#configureLongPoll}).
     */
    public SqsClient sqs(TargetConfig target, String region) {
        return client("sqs", SqsClient::builder, config.endpoints().sqs(), target, region, true);
    }

    public SnsClient sns(TargetConfig target, String region) {
        return client("sns", SnsClient::builder, config.endpoints().sns(), target, region);
    }

    /** SNS with the default identity, for alert delivery. */
    public SnsClient sns(String region) {
        return sns(TargetConfig.defaults(), region);
    }

    public StsClient sts(TargetConfig target, String region) {
        return client("sts", StsClient::builder, config.endpoints().sts(), target, region);
    }

    /**
     * The regions a target is polled in: its own list, else {@code aws.region}, else the SDK's region chain
     * ({@code AWS_REGION}, profile, instance metadata).
     *
     * @throws StartupException (key {@code aws.region}) when no region is configured anywhere
     */
    public List<String> regionsFor(TargetConfig target) {
        return regions.regionsFor(target);
    }

    /** {@code aws.region}, else the SDK's region chain (asked once: it may query instance metadata). */
    public String defaultRegion() {
        return regions.defaultRegion();
    }

    /**
     * The target's account as far as the configuration tells, without asking AWS: {@code account_id}, else
     * the account in {@code role_arn}; null for the default credentials without {@code account_id}.
     */
    public static String knownAccountId(TargetConfig target) {
        return AccountIds.known(target);
    }

    /**
     * The target's account: {@link #knownAccountId} when the configuration tells, else STS GetCallerIdentity
     * with the default credentials (asked once, then remembered).
     *
     * @throws NoCredentialsException when the default credential chain has no credentials
     * @throws software.amazon.awssdk.core.exception.SdkException when STS cannot answer
     */
    public String accountIdFor(TargetConfig target) {
        return accountIds.of(target);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<AutoCloseable> closeables = new ArrayList<>(clients.values());
        closeables.addAll(credentials.release());
        if (ownsBaseCredentials && ownedCredentials instanceof SdkAutoCloseable closeable) {
            closeables.add(closeable);
        }
        closeables.add(setup);
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", closeable.getClass().getSimpleName(), e.toString());
            }
        }
        clients.clear();
    }

    /**
     * The {@code service} client of the target's identity in {@code region}, built on first use with the
     * shared {@link ClientSetup}.
     *
     * @param service  the service's name in the request limits and this cache ({@code glue}, {@code sns}, …)
     * @param builder  the SDK's builder, asked only when the client is not built yet
     * @param endpoint the {@code aws.endpoints} entry for the service, null for the SDK's own resolution
     */
    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C client(
            String service, Supplier<B> builder, URI endpoint, TargetConfig target, String region) {
        return client(service, builder, endpoint, target, region, false);
    }

    private synchronized <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C client(
            String service, Supplier<B> builder, URI endpoint, TargetConfig target, String region, boolean longPoll) {
        if (closed) {
            throw new IllegalStateException("AwsClientFactory is closed");
        }
        Objects.requireNonNull(region, "region");
        Identity identity = Identity.of(target);
        ClientKey key = new ClientKey(service, identity, region);
        SdkClient existing = clients.get(key);
        if (existing == null) {
            // may build the default identity's STS client first, to assume the role with
            AwsCredentialsProvider identityCredentials = credentials.of(identity, region);
            existing = (longPoll
                    ? setup.configureLongPoll(builder.get(), service, identity, identityCredentials, region, endpoint)
                    : setup.configure(builder.get(), service, identity, identityCredentials, region, endpoint))
                    .build();
            clients.put(key, existing);
        }
        @SuppressWarnings("unchecked")
        C typed = (C) existing;
        return typed;
    }

    private record ClientKey(String service, Identity identity, String region) {
    }
}
