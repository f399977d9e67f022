package io.integrationmonitor.poll;

import io.integrationmonitor.aws.AwsClientFactory;
import io.integrationmonitor.aws.NoCredentialsException;
import io.integrationmonitor.config.AppIntegrationsSource;
import io.integrationmonitor.config.GlueInboundIntegrationsSource;
import io.integrationmonitor.config.GlueIntegrationsSource;
import io.integrationmonitor.config.MonitorConfig;
import io.integrationmonitor.config.RdsIntegrationsSource;
import io.integrationmonitor.config.RedshiftInboundIntegrationsSource;
import io.integrationmonitor.config.RedshiftIntegrationsSource;
import io.integrationmonitor.config.SourcesConfig;
import io.integrationmonitor.config.StartupException;
import io.integrationmonitor.config.TargetConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one {@link Poller} per enabled source, account and region of the configuration. Pollers made by
 * one factory share its clients (from the {@link AwsClientFactory}), its resource filter and its log of
 * unrecognised statuses.
 *
 * <p>Targets are isolated from each other from the start: building them asks AWS nothing except, for the
 * default credentials without {@code account_id}, STS GetCallerIdentity. A role is assumed on its
 * target's first poll, so a role that cannot be assumed makes that target's polls fail (access_denied,
 * retried every poll) while the others report normally.
 */
public final class PollerFactory {
    /**
     * The account_id of a target whose account STS could not tell at start; its resources carry the account
     * their ARNs name instead.
     */
    public static final String UNKNOWN_ACCOUNT = "unknown";
    private static final Logger log = LoggerFactory.getLogger(PollerFactory.class);

    private final MonitorConfig config;
    private final AwsClientFactory clients;
    private final Clock clock;
    private final ResourceFilter filter;
    private final StatusNormalizer statuses = new StatusNormalizer();
    private Map<PollTarget, TargetConfig> resolved;

    public PollerFactory(MonitorConfig config, AwsClientFactory clients) {
        this(config, clients, Clock.systemUTC());
    }

    public PollerFactory(MonitorConfig config, AwsClientFactory clients, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.filter = new ResourceFilter(config.filter());
    }

    /**
     * Every target the configuration implies: each enabled source in each target account and region, in
     * config order, worked out once. A target's account is its {@code account_id}, else its role ARN's
     * account; the default credentials without {@code account_id} ask STS GetCallerIdentity. When STS is
     * unreachable or refuses, the target is polled as account {@value #UNKNOWN_ACCOUNT} (one WARN; the
     * target's own labels keep that until restart) and its resources are labelled from their ARNs.
     *
     * @throws StartupException         when no region is configured anywhere ({@code aws.region}), or the
     *                                  default credential chain has no credentials ({@code credentials})
     * @throws IllegalArgumentException when two targets resolve to the same account and region
     */
    public List<PollTarget> targets() {
        return List.copyOf(resolve().keySet());
    }

    /** A poller for each of {@link #targets()}. */
    public List<Poller> create() {
        List<Poller> pollers = new ArrayList<>();
        for (Map.Entry<PollTarget, TargetConfig> entry : resolve().entrySet()) {
            pollers.add(create(entry.getKey(), entry.getValue()));
        }
        return pollers;
    }

    /**
     * The poller for one of {@link #targets()}.
     *
     * @throws IllegalArgumentException when the configuration does not imply this target
     */
    public Poller create(PollTarget target) {
        TargetConfig targetConfig = resolve().get(target);
        if (targetConfig == null) {
            throw new IllegalArgumentException("the configuration has no target " + target);
        }
        return create(target, targetConfig);
    }

    /**
     * Whose permissions a poll of one of {@link #targets()} uses, as a grant names it: {@code role ARN}, or the
     * default credential chain's identity. Never a secret (the external id is not part of it).
     */
    public String principalOf(PollTarget target) {
        TargetConfig targetConfig = targetConfigOf(target);
        return targetConfig.roleArn() == null ? "the identity of the default credential chain"
                : "role " + targetConfig.roleArn();
    }

    /** The configured target one of {@link #targets()} belongs to (its credentials, role and regions). */
    public TargetConfig targetConfigOf(PollTarget target) {
        TargetConfig targetConfig = resolve().get(target);
        if (targetConfig == null) {
            throw new IllegalArgumentException("the configuration has no target " + target);
        }
        return targetConfig;
    }

    private Poller create(PollTarget target, TargetConfig targetConfig) {
        SourcesConfig sources = config.sources();
        switch (target.source()) {
            case GLUE_INTEGRATIONS: {
                GlueIntegrationsSource source = sources.glueIntegrations();
                return new GlueIntegrationsPoller(clients.glue(targetConfig, target.region()), source,
                        context(target, source.maxPages(), source.maxPollDuration(), configKeyOf(target.source())));
            }
            case GLUE_INBOUND_INTEGRATIONS: {
                GlueInboundIntegrationsSource source = sources.glueInboundIntegrations();
                return new GlueInboundIntegrationsPoller(clients.glue(targetConfig, target.region()), source,
                        context(target, source.maxPages(), source.maxPollDuration(),configKeyOf(target.source())));
            }
            case APPINTEGRATIONS_ASSOCIATIONS: {
                AppIntegrationsSource source = sources.appintegrations();
                return new AppIntegrationsPoller(clients.appIntegrations(targetConfig, target.region()), source,
                        context(target, source.maxPages(), source.maxPollDuration(), configKeyOf(target.source())));
            }
            case RDS_INTEGRATIONS: {
                RdsIntegrationsSource source = sources.rdsIntegrations();
                return new RdsIntegrationsPoller(clients.rds(targetConfig, target.region()), source,
                        context(target, source.maxPages(), source.maxPollDuration(), configKeyOf(target.source())));
            }
            case REDSHIFT_INTEGRATIONS: {
                RedshiftIntegrationsSource source = sources.redshiftIntegrations();
                return new RedshiftIntegrationsPoller(clients.redshift(targetConfig, target.region()), source,
                        context(target, source.maxPages(), source.maxPollDuration(), configKeyOf(target.source())));
            }
            case REDSHIFT_INBOUND_INTEGRATIONS: {
                RedshiftInboundIntegrationsSource source = sources.redshiftInboundIntegrations();
                return new RedshiftInboundIntegrationsPoller(clients.redshift(targetConfig, target.region()), source,
                        context(target, source.maxPages(), source.maxPollDuration(),configKeyOf(target.source())));
            }
            default:
                throw new IllegalArgumentException("unsupported source " + target.source());
        }
    }

    /** The config section of a source, e.g. {@code sources.appintegrations}: what messages name for the user to change. */
    public static String configKeyOf(Source source) {
        return switch (source) {
            case GLUE_INTEGRATIONS -> "sources.glue_integrations";
            case GLUE_INBOUND_INTEGRATIONS -> "sources.glue_inbound_integrations";
            case APPINTEGRATIONS_ASSOCIATIONS -> "sources.appintegrations";
            case RDS_INTEGRATIONS -> "sources.rds_integrations";
            case REDSHIFT_INTEGRATIONS -> "sources.redshift_integrations";
            case REDSHIFT_INBOUND_INTEGRATIONS -> "sources.redshift_inbound_integrations";
        };
    }

    private PollContext context(PollTarget target, int maxPages, Duration maxPollDuration, String configKey) {
        return new PollContext(target, filter, statuses, clock, new PollBudget(maxPages, maxPollDuration, configKey));
    }

    private synchronized Map<PollTarget, TargetConfig> resolve() {
        if (resolved == null) {
            resolved = resolveOnce();
        }
        return resolved;
    }

    private Map<PollTarget, TargetConfig> resolveOnce() {
        Map<PollTarget, TargetConfig> targets = new LinkedHashMap<>();
        List<Source> enabled = enabledSources();
        for (TargetConfig targetConfig : config.targets()) {
            String accountId = accountId(targetConfig);
            for (String region : clients.regionsFor(targetConfig)) {
                for (Source source : enabled) {
                    PollTarget target = new PollTarget(source, accountId, region);
                    if (targets.put(target, targetConfig) != null) {
                        throw new IllegalArgumentException("targets: account " + accountId + " in region " + region
                                + " is configured more than once");
                    }
                }
            }
        }
        return targets;
    }

    private String accountId(TargetConfig targetConfig) {
        String known = AwsClientFactory.knownAccountId(targetConfig);
        if (known != null) {
            return known;
        }
        try {
            return clients.accountIdFor(targetConfig);
        } catch (StartupException e) {
            throw e; // no region
        } catch (RuntimeException e) {
            if (PollErrors.noCredentials(e)) {
                throw new StartupException("credentials", "no usable AWS credentials: "
                        + NoCredentialsException.HOW_TO_SET, e);
            }
            // Not fatal: STS may be unreachable from a private subnet or denied by policy while the polled
            // services answer. Every ARN they return names its account; only the target's own labels stay unknown.
            PollFailedException failure = PollErrors.failure("STS GetCallerIdentity for the default credentials", e);
            log.warn("cannot tell the account of the default credentials ({}: {}); resources are labelled with the "
                    + "account their ARNs name, the polls themselves with account_id={}. Set account_id to avoid this.",
                    failure.reason().label(), failure.getMessage(), UNKNOWN_ACCOUNT);
            return UNKNOWN_ACCOUNT;
        }
    }

    private List<Source> enabledSources() {
        SourcesConfig sources = config.sources();
        List<Source> enabled = new ArrayList<>();
        if (sources.glueIntegrations().enabled()) {
            enabled.add(Source.GLUE_INTEGRATIONS);
        }
        if (sources.glueInboundIntegrations().enabled()) {
            enabled.add(Source.GLUE_INBOUND_INTEGRATIONS);
        }
        if (sources.appintegrations().enabled()) {
            enabled.add(Source.APPINTEGRATIONS_ASSOCIATIONS);
        }
        if (sources.rdsIntegrations().enabled()) {
            enabled.add(Source.RDS_INTEGRATIONS);
        }
        if (sources.redshiftIntegrations().enabled()) {
            enabled.add(Source.REDSHIFT_INTEGRATIONS);
        }
        if (sources.redshiftInboundIntegrations().enabled()) {
            enabled.add(Source.REDSHIFT_INBOUND_INTEGRATIONS);
        }
        return enabled;
    }
}
