package io.integrationmonitor.simulator;

import java.util.Locale;

/** The AWS operations the simulator serves; faults and call counters are scoped by these. */
public enum Operation {
    GLUE_DESCRIBE_INTEGRATIONS("glue", "DescribeIntegrations"),
    GLUE_DESCRIBE_INBOUND_INTEGRATIONS("glue", "DescribeInboundIntegrations"),
    APPINTEGRATIONS_LIST_DATA_INTEGRATIONS("app-integrations", "ListDataIntegrations"),
    APPINTEGRATIONS_LIST_DATA_INTEGRATION_ASSOCIATIONS("app-integrations", "ListDataIntegrationAssociations"),
    APPINTEGRATIONS_GET_DATA_INTEGRATION("app-integrations", "GetDataIntegration"),
    RDS_DESCRIBE_INTEGRATIONS("rds", "DescribeIntegrations"),
    REDSHIFT_DESCRIBE_INTEGRATIONS("redshift", "DescribeIntegrations"),
    REDSHIFT_DESCRIBE_INBOUND_INTEGRATIONS("redshift", "DescribeInboundIntegrations"),
    SNS_PUBLISH("sns", "Publish"),
    CLOUDWATCH_GET_METRIC_DATA("cloudwatch", "GetMetricData"),
    SQS_RECEIVE_MESSAGE("sqs", "ReceiveMessage"),
    SQS_DELETE_MESSAGE("sqs", "DeleteMessage"),
    SQS_DELETE_MESSAGE_BATCH("sqs", "DeleteMessageBatch"),
    SQS_SEND_MESSAGE("sqs", "SendMessage"),
    SQS_GET_QUEUE_URL("sqs", "GetQueueUrl"),
    SQS_CHANGE_MESSAGE_VISIBILITY("sqs", "ChangeMessageVisibility"),
    SQS_GET_QUEUE_ATTRIBUTES("sqs", "GetQueueAttributes"),
    STS_ASSUME_ROLE("sts", "AssumeRole"),
    STS_GET_CALLER_IDENTITY("sts", "GetCallerIdentity");

    private final String service;
    private final String awsName;

    Operation(String service, String awsName) {
        this.service = service;
        this.awsName = awsName;
    }

    public String service() {
        return service;
    }

    /** The operation name as AWS spells it, e.g. {@code DescribeIntegrations}. */
    public String awsName() {
        return awsName;
    }

    /**
     * {@code service:Name}, e.g. {@code rds:DescribeIntegrations}: unique, where the AWS name alone is not (Glue,
     * RDS and Redshift each have a {@code DescribeIntegrations}).
     */
    public String qualifiedName() {
        return service + ":" + awsName;
    }

    /** Accepts the enum name, the AWS name ({@code ListDataIntegrations}) or {@code service:Name}. */
    public static Operation parse(String text) {
        String t = text.trim();
        for (Operation op : values()) {
            if (op.name().equalsIgnoreCase(t) || op.awsName.equalsIgnoreCase(t)
                    || op.qualifiedName().equalsIgnoreCase(t)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown operation '" + text + "'; one of "
                + java.util.Arrays.toString(values()).toLowerCase(Locale.ROOT));
    }

    static Operation byServiceAndName(String service, String awsName) {
        for (Operation op : values()) {
            if (op.service.equals(service) && op.awsName.equals(awsName)) {
                return op;
            }
        }
        return null;
    }
}
