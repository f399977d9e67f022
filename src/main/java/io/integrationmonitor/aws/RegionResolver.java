package io.integrationmonitor.aws;

import io.integrationmonitor.config.StartupException;
import io.integrationmonitor.config.TargetConfig;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;

/** Which regions a target is polled in. Thread-safe. */
final class RegionResolver {
    private final String configuredRegion;
    private final AwsRegionProvider chain;
    private String chainRegion;

    /** @param configuredRegion {@code aws.region}, null or blank when unset */
    RegionResolver(String configuredRegion, AwsRegionProvider chain) {
        this.configuredRegion = configuredRegion;
        this.chain = Objects.requireNonNull(chain, "regionChain");
    }

    /** See {@link AwsClientFactory#regionsFor}. */
    List<String> regionsFor(TargetConfig target) {
        return target.regions().isEmpty() ? List.of(defaultRegion()) : target.regions();
    }

    /** {@code aws.region}, else the SDK's region chain (asked once: it may query instance metadata). */
    synchronized String defaultRegion() {
        if (configuredRegion != null && !configuredRegion.isBlank()) {
            return configuredRegion;
        }
        if (chainRegion != null) {
            return chainRegion;
        }
        try {
            chainRegion = chain.getRegion().id();
            return chainRegion;
        } catch (SdkClientException e) {
            // the chain's own "found none": no message matching
            throw new StartupException("aws.region", "no AWS region configured: set aws.region or AWS_REGION "
                    + "(or targets[].regions, or a region in the AWS profile)", e);
        }
    }
}
