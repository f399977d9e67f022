package io.integrationmonitor.alert;

import io.integrationmonitor.testing.MutableClock;
import com.sun.net.httpserver.HttpServer;
import io.integrationmonitor.alert.evaluate.Notification;
import io.integrationmonitor.alert.receiver.HttpDelivery;
import io.integrationmonitor.alert.receiver.Receivers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.integrationmonitor.alert.Polls.glue;
import static org.assertj.core.api.Assertions.assertThat;

/** The real SnsClient against a loopback fake that answers the awsQuery PublishResponse. */
class SnsReceiverTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(AlertingHarness.T0);
    private final List<Map<String, String>> publishes = new CopyOnWriteArrayList<>();
    private HttpServer sns;
    private SnsClient client;

    @BeforeEach
    void setUp() throws Exception {
        sns = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sns.createContext("/", exchange -> {
            try (exchange) {
                Map<String, String> form = new LinkedHashMap<>();
                for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                    int eq = pair.indexOf('=');
                    form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
                publishes.add(form);
                byte[] xml = ("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                        + "<MessageId>msg-" + publishes.size() + "</MessageId></PublishResult><ResponseMetadata>"
                        + "<RequestId>req-1</RequestId></ResponseMetadata></PublishResponse>").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/xml");
                exchange.sendResponseHeaders(200, xml.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(xml);
                }
            }
        });
        sns.start();
        client = SnsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + sns.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .build();
    }

    @AfterEach
    void tearDown() {
        client.close();
        sns.stop(0);
    }

    private void publishFailure(String topic, String name) {
        String yaml = """
                alerting:
                  receivers:
                    - name: pager
                      sns: {topic_arn: "%s", subject_prefix: "[prod]"}
                """.formatted(topic);
        try (AlertingHarness h = new AlertingHarness(dir, clock, yaml,
                Receivers.create(AlertingHarness.config(yaml), region -> client, HttpDelivery.defaultClient(), clock))) {
            h.engine().onPollCompleted(Polls.completed(clock.instant(), List.of(glue(name, "FAILED"))));
            h.dispatcher().drain();
        }
    }

    @Test
    void publishesAReadableMessageWithFilterAttributesAndABoundedSubject() {
        String longName = "orders-" + "x".repeat(150);
        publishFailure("arn:aws:sns:us-east-1:123456789012:alerts", longName);

        assertThat(publishes).singleElement().satisfies(p -> {
            assertThat(p.get("Action")).isEqualTo("Publish");
            assertThat(p.get("TopicArn")).isEqualTo("arn:aws:sns:us-east-1:123456789012:alerts");
            assertThat(p.get("Subject")).hasSizeLessThanOrEqualTo(100).startsWith("[prod] [FIRING] orders-xxx").endsWith("...");
            assertThat(p.get("Message")).contains("ARN:      " + Polls.arn(longName)).contains("Status:   FAILED since");
            assertThat(p).doesNotContainKeys("MessageGroupId", "MessageDeduplicationId");
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 1; p.containsKey("MessageAttributes.entry." + i + ".Name"); i++) {
                attributes.put(p.get("MessageAttributes.entry." + i + ".Name"),
                        p.get("MessageAttributes.entry." + i + ".Value.StringValue"));
            }
            assertThat(attributes).containsEntry("severity", "critical").containsEntry("condition", "failed")
                    .containsEntry("kind", "glue_integration").containsEntry("account_id", Polls.ACCOUNT)
                    .containsEntry("region", Polls.REGION).containsEntry("state", "firing");
        });
    }

    @Test
    void fifoTopicsGetAMessageGroupAndTheIdempotencyKeyAsDeduplicationId() {
        publishFailure("arn:aws:sns:us-east-1:123456789012:alerts.fifo", "orders-zetl");

        assertThat(publishes).singleElement().satisfies(p -> {
            assertThat(p.get("MessageGroupId")).isEqualTo("integration-monitor");
            assertThat(p.get("MessageDeduplicationId")).matches("[0-9a-f-]{36}");
            assertThat(p.get("Message")).contains("Notification " + p.get("MessageDeduplicationId"));
            assertThat(p.get("Subject")).isEqualTo("[prod] [FIRING] orders-zetl FAILED");
        });
    }
}
