package io.integrationmonitor.aws;

import io.integrationmonitor.config.AwsConfig;
import io.integrationmonitor.config.RetryConfig;
import io.integrationmonitor.config.StartupException;
import io.integrationmonitor.config.TargetConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.appintegrations.AppIntegrationsClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds the AWS SDK clients, one per service, identity and region, and keeps them until {@link #close()}.
 * All clients share one Apache HTTP connection pool, the configured retry strategy and timeouts, and the
 * request-metrics publisher ({@code integration_monitor_aws_requests_total}), and every request passes the
 * per-account {@link RequestLimits} (concurrency and rate, retries included).
 *
 * <p>An identity is the default credential chain, or an STS role assumed with it. Endpoints come from
 * {@code aws.endpoints} when set; otherwise the SDK resolves them itself, honouring {@code AWS_ENDPOINT_URL}
 * and {@code AWS_ENDPOINT_URL_<SERVICE>}. Thread-safe.
 */
public final class AwsClientFactory implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AwsClientFactory.class);
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final int SPARE_CONNECTIONS = 4;

    private final AwsConfig config;
    private final AwsCredentialsProvider ownedCredentials;
    private final AwsCredentialsProvider baseCredentials;
    private final boolean ownsBaseCredentials;
    private final AwsRegionProvider regionChain;
    private final AwsRequestMetrics metrics;
    private final SdkHttpClient httpClient;
    private final RequestLimits limits;

    // Guarded by this: clients are built rarely (once per identity and region), so a lock is simplest.
    private final Map<ClientKey, SdkClient> clients = new HashMap<>();
    // One per role: assumed-role credentials are valid in every region, so a role is assumed once, through
    // the STS endpoint of the first region it is used in.
    private final Map<Identity, StsAssumeRoleCredentialsProvider> roleCredentials = new HashMap<>();
    // Every SDK client would otherwise start its own timeout scheduler: over a thousand idle threads for a
    // large estate. The SDK leaves a supplied executor alone on close; this factory closes it.
    private final ScheduledExecutorService sdkTimers = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "aws-sdk-timeouts");
        t.setDaemon(true);
        return t;
    });
    private final Map<Identity, String> accountIds = new HashMap<>();
    private String chainRegion;
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
        this.baseCredentials = new CheckedCredentials(baseCredentials);
        this.ownsBaseCredentials = ownsBaseCredentials;
        this.regionChain = Objects.requireNonNull(regionChain, "regionChain");
        this.metrics = new AwsRequestMetrics(Objects.requireNonNull(registry, "registry"));
        this.limits = new RequestLimits(config, registry);
        Duration attemptTimeout = config.apiCallAttemptTimeout();
        this.httpClient = ApacheHttpClient.builder()
                .maxConnections(poolSize(config))
                .connectionTimeout(attemptTimeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? attemptTimeout : MAX_CONNECT_TIMEOUT)
                .socketTimeout(attemptTimeout)
                .build();
    }

    /**
     * Every client shares the pool, and each running poll has one request in flight at a time: a pool
     * smaller than the polls that may run at once would make one slow account's polls hold up the others'.
     * The spare connections are for alert deliveries.
     */
    static int poolSize(AwsConfig config) {
        return Math.max(config.maxConnections(), config.maxConcurrentPolls() + SPARE_CONNECTIONS);
    }

    public GlueClient glue(TargetConfig target, String region) {
        return client("glue", target, region,
                setup -> configure(GlueClient.builder(), config.endpoints().glue(), setup).build());
    }

    public AppIntegrationsClient appIntegrations(TargetConfig target, String region) {
        return client("appintegrations", target, region, setup ->
                configure(AppIntegrationsClient.builder(), config.endpoints().appintegrations(), setup).build());
    }

    public SnsClient sns(TargetConfig target, String region) {
        return client("sns", target, region,
                setup -> configure(SnsClient.builder(), config.endpoints().sns(), setup).build());
    }

    /** SNS with the default identity, for alert delivery. */
    public SnsClient sns(String region) {
        return sns(TargetConfig.defaults(), region);
    }

    public StsClient sts(TargetConfig target, String region) {
        return client("sts", target, region,
                setup -> configure(StsClient.builder(), config.endpoints().sts(), setup).build());
    }

    /**
     * The regions a target is polled in: its own list, else {@code aws.region}, else the SDK's region chain
     * ({@code AWS_REGION}, profile, instance metadata).
     *
     * @throws StartupException (key {@code aws.region}) when no region is configured anywhere
     */
    public List<String> regionsFor(TargetConfig target) {
        return target.regions().isEmpty() ? List.of(defaultRegion()) : target.regions();
    }

    /** {@code aws.region}, else the SDK's region chain (asked once: it may query instance metadata). */
    public synchronized String defaultRegion() {
        if (config.region() != null && !config.region().isBlank()) {
            return config.region();
        }
        if (chainRegion != null) {
            return chainRegion;
        }
        try {
            chainRegion = regionChain.getRegion().id();
            return chainRegion;
        } catch (SdkClientException e) {
            // the chain's own "found none": no message matching
            throw new StartupException("aws.region", "no AWS region configured: set aws.region or AWS_REGION "
                    + "(or targets[].regions, or a region in the AWS profile)", e);
        }
    }

    /**
     * The target's account as far as the configuration tells, without asking AWS: {@code account_id}, else
     * the account in {@code role_arn}; null for the default credentials without {@code account_id}.
     */
    public static String knownAccountId(TargetConfig target) {
        if (target.accountId() != null) {
            return target.accountId();
        }
        return target.roleArn() == null ? null : Identity.roleAccount(target.roleArn());
    }

    /**
     * The target's account: {@link #knownAccountId} when the configuration tells, else STS GetCallerIdentity
     * with the default credentials (asked once, then remembered).
     *
     * @throws NoCredentialsException when the default credential chain has no credentials
     * @throws software.amazon.awssdk.core.exception.SdkException when STS cannot answer
     */
    public String accountIdFor(TargetConfig target) {
        String known = knownAccountId(target);
        if (known != null) {
            return known;
        }
        Identity identity = Identity.of(target);
        synchronized (this) {
            String resolved = accountIds.get(identity);
            if (resolved != null) {
                return resolved;
            }
        }
        String account = sts(target, regionsFor(target).get(0)).getCallerIdentity().account();
        synchronized (this) {
            accountIds.put(identity, account);
        }
        log.info("resolved account {} for {} through STS GetCallerIdentity", account, identity);
        return account;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<AutoCloseable> closeables = new ArrayList<>(clients.values());
        closeables.addAll(roleCredentials.values());
        if (ownsBaseCredentials && ownedCredentials instanceof SdkAutoCloseable closeable) {
            closeables.add(closeable);
        }
        closeables.add(httpClient);
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", closeable.getClass().getSimpleName(), e.toString());
            }
        }
        clients.clear();
        roleCredentials.clear();
        sdkTimers.shutdownNow();
    }

    private synchronized <C extends SdkClient> C client(
            String service, TargetConfig target, String region, Function<ClientSetup, C> build) {
        if (closed) {
            throw new IllegalStateException("AwsClientFactory is closed");
        }
        Objects.requireNonNull(region, "region");
        Identity identity = Identity.of(target);
        ClientKey key = new ClientKey(service, identity, region);
        SdkClient existing = clients.get(key);
        if (existing == null) {
            SdkHttpClient limited = new LimitedHttpClient(httpClient,
                    limits.lane(identity.limitKey(), region, service), config.maxResponseBytes());
            existing = build.apply(new ClientSetup(credentials(identity, region), Region.of(region), limited));
            clients.put(key, existing);
        }
        @SuppressWarnings("unchecked")
        C typed = (C) existing;
        return typed;
    }

    /** Called with the lock held. */
    private AwsCredentialsProvider credentials(Identity identity, String region) {
        if (identity.roleArn() == null) {
            return baseCredentials;
        }
        StsAssumeRoleCredentialsProvider provider = roleCredentials.get(identity);
        if (provider == null) {
            StsClient sts = sts(TargetConfig.defaults(), region);
            provider = StsAssumeRoleCredentialsProvider.builder()
                    .stsClient(sts)
                    .refreshRequest(r -> r.roleArn(identity.roleArn())
                            .roleSessionName(identity.sessionName())
                            .externalId(identity.externalId()))
                    // Refresh on the polling thread when needed: no background thread per role.
                    .asyncCredentialUpdateEnabled(false)
                    .build();
            roleCredentials.put(identity, provider);
            log.debug("credentials for {} come from assuming the role through STS in {}", identity, region);
        }
        return provider;
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
            B builder, URI endpoint, ClientSetup setup) {
        builder.httpClient(setup.httpClient())
                .region(setup.region())
                .credentialsProvider(setup.credentials())
                .overrideConfiguration(o -> o
                        .scheduledExecutorService(sdkTimers)
                        .retryStrategy(retryStrategy(config.retry()))
                        .apiCallTimeout(config.apiCallTimeout())
                        .apiCallAttemptTimeout(config.apiCallAttemptTimeout())
                        .addMetricPublisher(metrics));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    static RetryStrategy retryStrategy(RetryConfig retry) {
        RetryMode mode = retry.mode() == RetryConfig.Mode.ADAPTIVE ? RetryMode.ADAPTIVE_V2 : RetryMode.STANDARD;
        return AwsRetryStrategy.forRetryMode(mode).toBuilder().maxAttempts(retry.maxAttempts()).build();
    }

    /** Whose credentials a client uses. The external id is part of the identity but never printed. */
    private record Identity(String roleArn, String externalId, String sessionName) {
        static Identity of(TargetConfig target) {
            return target.roleArn() == null
                    ? new Identity(null, null, null)
                    : new Identity(target.roleArn(), target.externalId(), target.sessionName());
        }

        /**
         * Whose request limits the identity's clients share: the role's account, or one key for the default
         * credentials (which also make the AssumeRole calls).
         */
        String limitKey() {
            return roleArn == null ? "default-credentials" : roleAccount(roleArn);
        }

        /** The account of a validated role ARN, {@code arn:PARTITION:iam::ACCOUNT:role/NAME}. */
        static String roleAccount(String roleArn) {
            return roleArn.split(":", 6)[4];
        }

        @Override
        public String toString() {
            return roleArn == null ? "the default credential chain" : "role " + roleArn;
        }
    }

    /** What a client is built with. */
    private record ClientSetup(AwsCredentialsProvider credentials, Region region, SdkHttpClient httpClient) {
    }

    private record ClientKey(String service, Identity identity, String region) {
    }
}
