package io.integrationmonitor.simulator;

import java.util.Map;

/** One SNS Publish the simulator accepted. Attribute values are {@code DataType} and {@code StringValue}. */
public record PublishedMessage(String messageId, String account, String region, String topicArn, String subject,
                               String message, Map<String, MessageAttribute> attributes, String messageGroupId,
                               String messageDeduplicationId) {
    public PublishedMessage {
        attributes = Map.copyOf(attributes);
    }

    public record MessageAttribute(String dataType, String stringValue) {
    }
}
