package io.integrationmonitor.simulator;

import java.time.Instant;
import java.util.List;

/** A Glue inbound integration as DescribeInboundIntegrations reports it. */
public record SimInboundIntegration(String arn, String sourceArn, String targetArn, String status,
                                    Instant createTime, List<SimError> errors) {
    public SimInboundIntegration {
        errors = List.copyOf(errors);
    }

    public SimInboundIntegration withStatus(String newStatus, List<SimError> newErrors) {
        return new SimInboundIntegration(arn, sourceArn, targetArn, newStatus, createTime, newErrors);
    }
}
