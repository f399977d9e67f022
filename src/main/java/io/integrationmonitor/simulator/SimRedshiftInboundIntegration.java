package io.integrationmonitor.simulator;

import java.time.Instant;
import java.util.List;

/**
 * An integration into a Redshift namespace as Redshift {@code DescribeInboundIntegrations} reports it (botocore
 * {@code redshift/2012-12-01} shape {@code InboundIntegration}). Its ARN is the integration's own, whichever
 * service owns it: {@code arn:aws:redshift:...:integration:<uuid>} for a Redshift one,
 * {@code arn:aws:rds:...:integration:<uuid>} for an Aurora / RDS one, {@code arn:aws:glue:...} for a Glue one;
 * so the same integration is also listed by its own service. {@code status} is lower case.
 */
public record SimRedshiftInboundIntegration(String arn, String sourceArn, String targetArn, String status,
                                            Instant createTime, List<SimError> errors) {
    public SimRedshiftInboundIntegration {
        errors = List.copyOf(errors);
    }

    public SimRedshiftInboundIntegration withStatus(String newStatus, List<SimError> newErrors) {
        return new SimRedshiftInboundIntegration(arn, sourceArn, targetArn, newStatus, createTime, newErrors);
    }
}
