package io.integrationmonitor.simulator;

import java.util.List;
import java.util.Objects;

/**
 * One change to a zero-ETL integration of the {@link Estate}, as its listeners are told about it, whoever made it
 * (a scripted story, {@link RandomChanges}, the admin API, a test). Tells what changed, not what AWS would say
 * about it: that is {@link ZeroEtlEvents}'s decision.
 */
public sealed interface EstateChange {

    /** Which listing the integration belongs to; an integration listed twice is told once, by its owner. */
    enum Owner { GLUE, GLUE_INBOUND, RDS, REDSHIFT, REDSHIFT_INBOUND }

    String integrationArn();

    /**
     * An integration's status changed ({@code from} is never equal to {@code to}: setting the same status again
     * is no transition, and AWS announces none).
     */
    record StatusChanged(String integrationArn, Owner owner, String from, String to, List<SimError> errors)
            implements EstateChange {
        public StatusChanged {
            Objects.requireNonNull(integrationArn, "integrationArn");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            errors = List.copyOf(errors);
        }
    }

    /** The integration is gone from every listing. */
    record Removed(String integrationArn, Owner owner) implements EstateChange {
        public Removed {
            Objects.requireNonNull(integrationArn, "integrationArn");
            Objects.requireNonNull(owner, "owner");
        }
    }

    /** One table of the integration failed to ingest, or completed an ingestion. */
    record TableIngestionChanged(String integrationArn, String table, SimTableIngestion ingestion)
            implements EstateChange {
        public TableIngestionChanged {
            Objects.requireNonNull(integrationArn, "integrationArn");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(ingestion, "ingestion");
        }
    }
}
