package io.integrationmonitor.alert.receiver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationmonitor.alert.evaluate.Alert;
import io.integrationmonitor.alert.evaluate.Json;
import io.integrationmonitor.alert.evaluate.Notification;
import io.integrationmonitor.config.SnsReceiverConfig;
import io.integrationmonitor.text.InertText;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sns.model.SnsException;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * SNS Publish. The subject fits SNS's 100-character ASCII rule; message attributes carry severity,
 * condition, kind, account, region and state for subscription filter policies; FIFO topics get a message
 * group and the notification's idempotency key as deduplication id.
 */
final class SnsReceiver implements Receiver {
    static final int MAX_SUBJECT = 100;
    static final String MESSAGE_GROUP = "integration-monitor";
    /** Bounds a publish with all the SDK's retries: a send must end well within the delivery lease. */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final SnsReceiverConfig config;
    private final Function<String, SnsClient> clients;
    private final WebhookPayload documents;
    private final ObjectMapper json;
    private final int groupCap;
    private final URI externalUrl;

    SnsReceiver(String name, SnsReceiverConfig config, Function<String, SnsClient> clients, WebhookPayload documents,
                ObjectMapper json, int groupCap, URI externalUrl) {
        this.externalUrl = externalUrl;
        this.name = name;
        this.config = config;
        this.clients = clients;
        this.documents = documents;
        this.json = json;
        this.groupCap = groupCap;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "sns";
    }

    @Override
    public boolean sendResolved() {
        return config.sendResolved();
    }

    @Override
    public DeliveryResult deliver(Notification n) {
        try {
            PublishResponse response = clients.apply(config.effectiveRegion()).publish(request(n));
            return response.messageId() == null ? DeliveryResult.failed("no MessageId") : DeliveryResult.ok();
        } catch (SnsException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            return DeliveryResult.failed("SNS " + e.statusCode() + " " + code);
        } catch (SdkException e) {
            return DeliveryResult.failed("SNS client error: " + e.getClass().getSimpleName());
        }
    }

    PublishRequest request(Notification n) {
        PublishRequest.Builder b = PublishRequest.builder()
                .topicArn(config.topicArn())
                .subject(subject(config.subjectPrefix(), n.title()))
                .messageAttributes(attributes(n))
                .overrideConfiguration(o -> o.apiCallTimeout(SEND_TIMEOUT));
        String text = AlertText.plain(n, groupCap, externalUrl);
        if (config.json()) {
            ObjectNode structure = json.createObjectNode();
            String document = Json.write(json, documents.document(n));
            structure.put("default", text);
            structure.put("email", text);
            for (String protocol : List.of("sqs", "lambda", "http", "https", "firehose")) {
                structure.put(protocol, document);
            }
            b.messageStructure("json").message(Json.write(json, structure));
        } else {
            b.message(text);
        }
        if (config.fifo()) {
            b.messageGroupId(MESSAGE_GROUP).messageDeduplicationId(n.idempotencyKey());
        }
        return b.build();
    }

    /**
     * SNS subjects: ASCII, no control characters, starting with a letter, digit or punctuation, under 100 chars.
     * Control and bidi characters show as their escapes ({@link InertText}), an arrow as {@code ->}, other
     * non-ASCII as {@code ?}.
     */
    static String subject(String prefix, String title) {
        String raw = InertText.escape((prefix.isEmpty() ? "" : prefix + " ") + title);
        StringBuilder s = new StringBuilder();
        for (char ch : raw.toCharArray()) {
            if (ch == '→') {
                s.append("->"); // a changed notice's arrow (FAILED → NEEDS_ATTENTION)
            } else {
                s.append(ch >= 0x20 && ch < 0x7f ? ch : ch == '\n' || ch == '\t' ? ' ' : '?');
            }
        }
        String subject = s.toString().strip();
        if (subject.isEmpty()) {
            subject = "integration-monitor alert";
        }
        return subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT - 3) + "...";
    }

    private static Map<String, MessageAttributeValue> attributes(Notification n) {
        Map<String, MessageAttributeValue> attrs = new LinkedHashMap<>();
        attrs.put("severity", string(n.severity().label()));
        attrs.put("state", string(n.state().label()));
        put(attrs, "condition", n.alerts().stream().map(a -> a.condition().label()).distinct().sorted().toList());
        put(attrs, "kind", n.alerts().stream().map(Alert::kind).distinct().sorted().toList());
        put(attrs, "account_id", n.alerts().stream().map(Alert::accountId).distinct().sorted().toList());
        put(attrs, "region", n.alerts().stream().map(Alert::region).distinct().sorted().toList());
        return attrs;
    }

    /** One value as {@code String}; several as {@code String.Array} (filter policies match any element). */
    private static void put(Map<String, MessageAttributeValue> attrs, String key, List<String> values) {
        List<String> nonEmpty = values.stream().filter(v -> !v.isEmpty()).toList();
        if (nonEmpty.size() == 1) {
            attrs.put(key, string(nonEmpty.get(0)));
        } else if (nonEmpty.size() > 1) {
            StringBuilder array = new StringBuilder("[");
            for (int i = 0; i < nonEmpty.size(); i++) {
                array.append(i == 0 ? "" : ",").append('"')
                        .append(nonEmpty.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            attrs.put(key, MessageAttributeValue.builder().dataType("String.Array")
                    .stringValue(array.append("]").toString()).build());
        }
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
