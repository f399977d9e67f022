package io.integrationmonitor.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A Glue zero-ETL integration as DescribeIntegrations reports it. */
public record SimIntegration(String arn, String name, String sourceArn, String targetArn, String status,
                             Instant createTime, String description, List<SimError> errors,
                             Map<String, String> tags) {
    public SimIntegration {
        errors = List.copyOf(errors);
        tags = Map.copyOf(tags);
    }

    public SimIntegration withStatus(String newStatus, List<SimError> newErrors) {
        return new SimIntegration(arn, name, sourceArn, targetArn, newStatus, createTime, description, newErrors, tags);
    }
}
