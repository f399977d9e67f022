package io.integrationmonitor.simulator;

/**
 * An AppIntegrations data integration association. {@code executionStatus} is null when the association
 * has never executed, which the API expresses by leaving {@code LastExecutionStatus} out.
 */
public record SimAssociation(String arn, String dataIntegrationArn, String clientId, String destinationUri,
                             String executionMode, String executionStatus, String statusMessage) {

    public SimAssociation withExecution(String newStatus, String newMessage) {
        return new SimAssociation(arn, dataIntegrationArn, clientId, destinationUri, executionMode, newStatus,
                newStatus == null ? null : newMessage);
    }
}
