package io.integrationmonitor.simulator;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** SNS Publish over awsQuery; every accepted message is recorded in {@link SnsTopics}. */
final class SnsApi implements ServiceApi {
    private static final String NS = "http://sns.amazonaws.com/doc/2010-03-31/";
    private static final int MAX_SUBJECT = 100;

    private final SnsTopics topics;

    SnsApi(SnsTopics topics) {
        this.topics = topics;
    }

    @Override
    public SimResponse handle(Operation operation, SimRequest request) {
        Map<String, String> p = request.params();
        String topicArn = p.getOrDefault("TopicArn", p.get("TargetArn"));
        if (topicArn == null || topicArn.isEmpty()) {
            throw new ApiException(400, "InvalidParameter",
                    "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter");
        }
        String message = p.get("Message");
        if (message == null || message.isEmpty()) {
            throw new ApiException(400, "InvalidParameter", "Invalid parameter: Empty message");
        }
        String subject = p.get("Subject");
        if (subject != null && (subject.isEmpty() || subject.length() > MAX_SUBJECT)) {
            throw new ApiException(400, "InvalidParameter", "Invalid parameter: Subject");
        }
        String groupId = p.get("MessageGroupId");
        if (topicArn.endsWith(".fifo") && (groupId == null || groupId.isEmpty())) {
            throw new ApiException(400, "InvalidParameter",
                    "Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
        }
        if (!topics.accepts(topicArn)) {
            throw new ApiException(404, "NotFound", "Topic does not exist");
        }
        String messageId = UUID.randomUUID().toString();
        topics.record(new PublishedMessage(messageId, request.context().account(), request.context().region(),
                topicArn, subject, message, attributes(p), groupId, p.get("MessageDeduplicationId")));
        String result = Xml.element("MessageId", messageId);
        if (topicArn.endsWith(".fifo")) {
            result += Xml.element("SequenceNumber", String.format("%020d", System.nanoTime() & Long.MAX_VALUE));
        }
        return QueryProtocol.success(NS, "Publish", result, request.requestId());
    }

    private static Map<String, PublishedMessage.MessageAttribute> attributes(Map<String, String> p) {
        Map<String, PublishedMessage.MessageAttribute> out = new HashMap<>();
        for (int n = 1; ; n++) {
            String prefix = "MessageAttributes.entry." + n + ".";
            String name = p.get(prefix + "Name");
            if (name == null) {
                return out;
            }
            String type = p.get(prefix + "Value.DataType");
            if (type == null) {
                throw new ApiException(400, "ParameterValueInvalid",
                        "The message attribute '" + name + "' must contain non-empty message attribute type.");
            }
            out.put(name, new PublishedMessage.MessageAttribute(type, p.get(prefix + "Value.StringValue")));
        }
    }

    @Override
    public SimResponse error(ApiException error, SimRequest request) {
        return QueryProtocol.error(NS, error, request.requestId());
    }

    @Override
    public ApiException throttling() {
        return new ApiException(429, "Throttled", "Rate exceeded");
    }

    @Override
    public ApiException internalError() {
        return new ApiException(500, "InternalError", "Internal error");
    }

    @Override
    public SimResponse malformed(Operation operation) {
        return SimResponse.of(200, QueryProtocol.CONTENT_TYPE, "<PublishResponse xmlns=\"" + NS + "\"><PublishResult><Mess");
    }
}
