package io.integrationmonitor.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The credentials of each {@link Identity}: the base credentials, or an STS role assumed with them. One
 * provider per role: assumed-role credentials are valid in every region, so a role is assumed once, through
 * the STS endpoint of the first region it is used in. Thread-safe.
 */
final class RoleCredentials {
    private static final Logger log = LoggerFactory.getLogger(RoleCredentials.class);

    private final AwsCredentialsProvider baseCredentials;
    private final Function<String, StsClient> baseSts;
    private final Map<Identity, StsAssumeRoleCredentialsProvider> providers = new HashMap<>();

    /** @param baseSts the STS client of the base credentials in a region, which makes the AssumeRole calls */
    RoleCredentials(AwsCredentialsProvider baseCredentials, Function<String, StsClient> baseSts) {
        this.baseCredentials = baseCredentials;
        this.baseSts = baseSts;
    }

    /** The identity's credentials; a role not seen before is assumed through STS in {@code region}. */
    synchronized AwsCredentialsProvider of(Identity identity, String region) {
        if (identity.roleArn() == null) {
            return baseCredentials;
        }
        StsAssumeRoleCredentialsProvider provider = providers.get(identity);
        if (provider == null) {
            provider = StsAssumeRoleCredentialsProvider.builder()
                    .stsClient(baseSts.apply(region))
                    .refreshRequest(r -> r.roleArn(identity.roleArn())
                            .roleSessionName(identity.sessionName())
                            .externalId(identity.externalId()))
                    // Refresh on the polling thread when needed: no background thread per role.
                    .asyncCredentialUpdateEnabled(false)
                    .build();
            providers.put(identity, provider);
            log.debug("credentials for {} come from assuming the role through STS in {}", identity, region);
        }
        return provider;
    }

    /** Forgets every assumed role and hands its provider over to be closed. */
    synchronized List<AutoCloseable> release() {
        List<AutoCloseable> released = new ArrayList<>(providers.values());
        providers.clear();
        return released;
    }
}
