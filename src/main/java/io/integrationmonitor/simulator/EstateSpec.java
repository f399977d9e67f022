package io.integrationmonitor.simulator;

import java.util.Locale;

/**
 * How many resources to generate per (account, region), and the page cap.
 *
 * @param pageSize        the most items the server returns per page whatever the client asks for; 0 = no cap
 * @param rdsIntegrations RDS (Aurora into Redshift) zero-ETL integrations
 */
public record EstateSpec(int integrations, int inboundIntegrations, int dataIntegrations,
                         int associationsPerDataIntegration, int pageSize, int rdsIntegrations) {

    public static final String SYNTAX =
            "integrations=N,inbound=N,data-integrations=N,associations=N,rds=N,page-size=N (associations are per data integration; page-size 0 = no cap)";

    public EstateSpec {
        if (integrations < 0 || inboundIntegrations < 0 || dataIntegrations < 0
                || associationsPerDataIntegration < 0 || pageSize < 0 || rdsIntegrations < 0) {
            throw new IllegalArgumentException("estate counts must not be negative");
        }
    }

    /** The Glue and AppIntegrations counts; no RDS integrations. */
    public EstateSpec(int integrations, int inboundIntegrations, int dataIntegrations,
                      int associationsPerDataIntegration, int pageSize) {
        this(integrations, inboundIntegrations, dataIntegrations, associationsPerDataIntegration, pageSize, 0);
    }

    public static EstateSpec defaults() {
        return new EstateSpec(20, 5, 3, 4, 0, 5);
    }

    public static EstateSpec empty() {
        return new EstateSpec(0, 0, 0, 0, 0, 0);
    }

    /** The same estate with {@code n} RDS integrations. */
    public EstateSpec withRdsIntegrations(int n) {
        return new EstateSpec(integrations, inboundIntegrations, dataIntegrations, associationsPerDataIntegration,
                pageSize, n);
    }

    /** Parses {@link #SYNTAX}; keys left out keep their {@link #defaults()} value. */
    public static EstateSpec parse(String text) {
        EstateSpec d = defaults();
        int integrations = d.integrations;
        int inbound = d.inboundIntegrations;
        int dataIntegrations = d.dataIntegrations;
        int associations = d.associationsPerDataIntegration;
        int pageSize = d.pageSize;
        int rds = d.rdsIntegrations;
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("expected key=value in '" + pair + "'; syntax: " + SYNTAX);
            }
            int value;
            try {
                value = Integer.parseInt(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number in '" + pair + "'", e);
            }
            switch (kv[0].trim().toLowerCase(Locale.ROOT)) {
                case "integrations" -> integrations = value;
                case "inbound", "inbound-integrations" -> inbound = value;
                case "data-integrations" -> dataIntegrations = value;
                case "associations" -> associations = value;
                case "page-size" -> pageSize = value;
                case "rds", "rds-integrations" -> rds = value;
                default -> throw new IllegalArgumentException("unknown estate key '" + kv[0] + "'; syntax: " + SYNTAX);
            }
        }
        return new EstateSpec(integrations, inbound, dataIntegrations, associations, pageSize, rds);
    }

    public int totalResources() {
        return integrations + inboundIntegrations + dataIntegrations * (1 + associationsPerDataIntegration)
                + rdsIntegrations;
    }
}
