package io.integrationmonitor.poll;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One resource as a poll saw it. Immutable; the identity is {@link #arn()}.
 *
 * @param kind       what sort of resource
 * @param arn        integration ARN, or association ARN for AppIntegrations
 * @param name       human name: the integration name; for inbound integrations and associations,
 *                   the last ARN segment (they have no name of their own)
 * @param accountId  the AWS account the resource lives in
 * @param region     the AWS region
 * @param status     one of {@link ResourceKind#statuses()}
 * @param errors     Glue {@code Errors}, or the association's failed {@code StatusMessage}; empty when none
 * @param attributes kind-specific fixed properties, keys from {@link Attributes}; values never null
 * @param tags       resource tags (Glue, RDS and Redshift integrations; empty otherwise)
 * @param createdAt  creation time when the API reports it, else null
 */
public record ObservedResource(
        ResourceKind kind,
        String arn,
        String name,
        String accountId,
        String region,
        ResourceStatus status,
        List<ResourceError> errors,
        Map<String, String> attributes,
        Map<String, String> tags,
        Instant createdAt) {

    public ObservedResource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(status, "status");
        name = name == null ? "" : name;
        accountId = accountId == null ? "" : accountId;
        region = region == null ? "" : region;
        errors = errors == null ? List.of() : List.copyOf(errors);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public String attribute(String key) {
        return attributes.getOrDefault(key, "");
    }

    public ObservedResource withStatus(ResourceStatus newStatus, List<ResourceError> newErrors) {
        return new ObservedResource(kind, arn, name, accountId, region, newStatus, newErrors, attributes, tags, createdAt);
    }

    /** Keys of {@link #attributes()}; the same names are used as metric labels. */
    public static final class Attributes {
        public static final String SOURCE_ARN = "source_arn";
        /** An inbound integration's owner: the account of its source ARN; empty when that names none. */
        public static final String SOURCE_ACCOUNT_ID = "source_account_id";
        public static final String TARGET_ARN = "target_arn";
        public static final String REFRESH_INTERVAL = "refresh_interval";
        public static final String DESCRIPTION = "description";
        /** RDS and Redshift integrations: the {@code DataFilter} (which tables replicate). */
        public static final String DATA_FILTER = "data_filter";
        public static final String DATA_INTEGRATION_ARN = "data_integration_arn";
        public static final String DATA_INTEGRATION_NAME = "data_integration_name";
        public static final String CLIENT_ID = "client_id";
        public static final String EXECUTION_MODE = "execution_mode";
        public static final String DESTINATION_URI = "destination_uri";

        private Attributes() {
        }
    }
}
