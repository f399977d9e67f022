package io.integrationmonitor.simulator;

import java.util.Locale;

/**
 * How many resources to generate per (account, region), and the page cap.
 *
 * @param pageSize                    the most items the server returns per page whatever the client asks for;
 *                                    0 = no cap
 * @param rdsIntegrations             RDS DescribeIntegrations: Aurora into Redshift zero-ETL integrations
 * @param redshiftIntegrations        Redshift DescribeIntegrations: DynamoDB into Redshift
 * @param redshiftInboundIntegrations Redshift DescribeInboundIntegrations; some are the inbound side of the
 *                                    Redshift or RDS integrations, so one ARN is in two listings
 */
public record EstateSpec(int integrations, int inboundIntegrations, int dataIntegrations,
                         int associationsPerDataIntegration, int pageSize, int rdsIntegrations,
                         int redshiftIntegrations, int redshiftInboundIntegrations) {

    public static final String SYNTAX =
            "integrations=N,inbound=N,data-integrations=N,associations=N,rds=N,redshift=N,redshift-inbound=N,page-size=N"
                    + " (associations are per data integration; page-size 0 = no cap)";

    public EstateSpec {
        if (integrations < 0 || inboundIntegrations < 0 || dataIntegrations < 0
                || associationsPerDataIntegration < 0 || pageSize < 0 || rdsIntegrations < 0
                || redshiftIntegrations < 0 || redshiftInboundIntegrations < 0) {
            throw new IllegalArgumentException("estate counts must not be negative");
        }
    }

    /** A Glue and AppIntegrations estate, without RDS or Redshift integrations. */
    public EstateSpec(int integrations, int inboundIntegrations, int dataIntegrations,
                      int associationsPerDataIntegration, int pageSize) {
        this(integrations, inboundIntegrations, dataIntegrations, associationsPerDataIntegration, pageSize, 0, 0, 0);
    }

    /** This estate with Redshift integrations too. */
    public EstateSpec withRedshift(int redshift, int redshiftInbound) {
        return new EstateSpec(integrations, inboundIntegrations, dataIntegrations, associationsPerDataIntegration,
                pageSize, rdsIntegrations, redshift, redshiftInbound);
    }

    /** The same estate with {@code n} RDS integrations. */
    public EstateSpec withRdsIntegrations(int n) {
        return new EstateSpec(integrations, inboundIntegrations, dataIntegrations, associationsPerDataIntegration,
                pageSize, n, redshiftIntegrations, redshiftInboundIntegrations);
    }

    public static EstateSpec defaults() {
        return new EstateSpec(20, 5, 3, 4, 0, 5, 6, 4);
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
        int rds = d.rdsIntegrations;
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
                case "rds", "rds-integrations" -> rds = value;
                case "redshift", "redshift-integrations" -> redshift = value;
                case "redshift-inbound", "redshift-inbound-integrations" -> redshiftInbound = value;
                default -> throw new IllegalArgumentException("unknown estate key '" + kv[0] + "'; syntax: " + SYNTAX);
            }
        }
        return new EstateSpec(integrations, inbound, dataIntegrations, associations, pageSize, rds, redshift,
                redshiftInbound);
    }

    public int totalResources() {
        return integrations + inboundIntegrations + dataIntegrations * (1 + associationsPerDataIntegration)
                + rdsIntegrations + redshiftIntegrations + redshiftInboundIntegrations;
    }
}
