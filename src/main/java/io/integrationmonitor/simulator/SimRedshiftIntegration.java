package io.integrationmonitor.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Redshift zero-ETL integration (DynamoDB or S3 into Redshift) as Redshift {@code DescribeIntegrations}
 * reports it (botocore {@code redshift/2012-12-01} shape {@code Integration}). {@code status} is spelt as the
 * model's {@code ZeroETLIntegrationStatus}: lower case, {@code needs_attention}.
 *
 * @param description                 null when it has none (the member is left out)
 * @param kmsKeyId                    null when it has none
 * @param additionalEncryptionContext {@code AdditionalEncryptionContext}; empty when none
 */
public record SimRedshiftIntegration(String arn, String name, String sourceArn, String targetArn, String status,
                                     Instant createTime, String description, String kmsKeyId,
                                     Map<String, String> additionalEncryptionContext, List<SimError> errors,
                                     Map<String, String> tags) {
    public SimRedshiftIntegration {
        additionalEncryptionContext = Map.copyOf(additionalEncryptionContext);
        errors = List.copyOf(errors);
        tags = Map.copyOf(tags);
    }

    public SimRedshiftIntegration withStatus(String newStatus, List<SimError> newErrors) {
        return new SimRedshiftIntegration(arn, name, sourceArn, targetArn, newStatus, createTime, description, kmsKeyId,
                additionalEncryptionContext, newErrors, tags);
    }
}
