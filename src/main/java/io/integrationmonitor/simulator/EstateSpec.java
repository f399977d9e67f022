package io.integrationmonitor.simulator;

import java.util.Locale;

/**
 * How many resources to generate per (account, region), and the page cap.
 *
 * @param pageSize                    the most items the server returns per page whatever the client asks for;
 *                                    0 = no cap
 * @param redshiftIntegrations        Redshift DescribeIntegrations: DynamoDB into Redshift
 * @param redshiftInboundIntegrations Redshift DescribeInboundIntegrations; some are the inbound side of the
 *                                    Redshift integrations, so one ARN is in both listings
 */
public record EstateSpec(int integrations, int inboundIntegrations, int dataIntegrations,
                         int associationsPerDataIntegration, int pageSize, int redshiftIntegrations,
                         int redshiftInboundIntegrations) {

    public static final String SYNTAX =
            "integrations=N,inbound=N,data-integrations=N,associations=N,page-size=N,redshift=N,redshift-inbound=N"
                    + " (associations are per data integration; page-size 0 = no cap)";

    public EstateSpec {
        if (integrations < 0 || inboundIntegrations < 0 || dataIntegrations < 0
                || associationsPerDataIntegration < 0 || pageSize < 0) {
            throw new IllegalArgumentException("estate counts must not be negative");
        }
        if (redshiftIntegrations < 0 || redshiftInboundIntegrations < 0) {
            throw new IllegalArgumentException("estate counts must not be negative");
        }
    }

    /** A Glue and AppIntegrations estate, without Redshift integrations. */
    public EstateSpec(int integrations, int inboundIntegrations, int dataIntegrations,
                      int associationsPerDataIntegration, int pageSize) {
        this(integrations, inboundIntegrations, dataIntegrations, associationsPerDataIntegration, pageSize, 0, 0);
    }

    /** This estate with Redshift integrations too. */
    public EstateSpec withRedshift(int redshift, int redshiftInbound) {
        return new EstateSpec(integrations, inboundIntegrations, dataIntegrations, associationsPerDataIntegration,
                pageSize, redshift, redshiftInbound);
    }

    public static EstateSpec defaults() {
        return new EstateSpec(20, 5, 3, 4, 0, 6, 4);
    }

    public static EstateSpec empty() {
        return new EstateSpec(0, 0, 0, 0, 0);
    }

    /** Parses {@link #SYNTAX}; keys left out keep their {@link #defaults()} value. */
    public static EstateSpec parse(String text) {
        EstateSpec d = defaults();
        int integrations = d.integrations;
        int inbound = d.inboundIntegrations;
        int dataIntegrations = d.dataIntegrations;
        int associations = d.associationsPerDataIntegration;
        int pageSize = d.pageSize;
        int redshift = d.redshiftIntegrations;
        int redshiftInbound = d.redshiftInboundIntegrations;
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
                case "redshift", "redshift-integrations" -> redshift = value;
                case "redshift-inbound", "redshift-inbound-integrations" -> redshiftInbound = value;
                default -> throw new IllegalArgumentException("unknown estate key '" + kv[0] + "'; syntax: " + SYNTAX);
            }
        }
        return new EstateSpec(integrations, inbound, dataIntegrations, associations, pageSize, redshift,
                redshiftInbound);
    }

    public int totalResources() {
        return integrations + inboundIntegrations + dataIntegrations * (1 + associationsPerDataIntegration)
                + redshiftIntegrations + redshiftInboundIntegrations;
    }
}
