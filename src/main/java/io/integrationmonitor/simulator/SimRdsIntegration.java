package io.integrationmonitor.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An RDS zero-ETL integration (Aurora or RDS into Redshift) as RDS {@code DescribeIntegrations} reports it
 * (botocore {@code rds/2014-10-31} shape {@code Integration}). {@code status} is as RDS spells it, lower
 * case ({@code needs_attention}); {@code description}, {@code dataFilter} and {@code kmsKeyId} may be null.
 */
public record SimRdsIntegration(String arn, String name, String sourceArn, String targetArn, String status,
                                Instant createTime, String description, String dataFilter, String kmsKeyId,
                                Map<String, String> encryptionContext, List<SimError> errors,
                                Map<String, String> tags) {
    public SimRdsIntegration {
        encryptionContext = Map.copyOf(encryptionContext);
        errors = List.copyOf(errors);
        tags = Map.copyOf(tags);
    }

    public SimRdsIntegration withStatus(String newStatus, List<SimError> newErrors) {
        return new SimRdsIntegration(arn, name, sourceArn, targetArn, newStatus, createTime, description, dataFilter,
                kmsKeyId, encryptionContext, newErrors, tags);
    }
}
