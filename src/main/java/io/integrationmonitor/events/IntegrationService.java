package io.integrationmonitor.events;

/**
 * The API that owns an integration, from its ARN's service segment, and so the targeted poll an event asks for:
 * Glue and RDS {@code DescribeIntegrations} take {@code IntegrationIdentifier}, Redshift's takes
 * {@code IntegrationArn} (the services' API references).
 */
enum IntegrationService {
    GLUE("glue"),
    RDS("rds"),
    REDSHIFT("redshift");

    private final String arnService;

    IntegrationService(String arnService) {
        this.arnService = arnService;
    }

    static IntegrationService ofArnService(String service) {
        for (IntegrationService s : values()) {
            if (s.arnService.equals(service)) {
                return s;
            }
        }
        throw new IllegalArgumentException("not an integration service: " + service);
    }
}
