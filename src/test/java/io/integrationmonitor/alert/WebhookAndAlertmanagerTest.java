package io.integrationmonitor.alert;

import io.integrationmonitor.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.alert.receiver.HttpDelivery;
import io.integrationmonitor.alert.receiver.Receivers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import static io.integrationmonitor.alert.Polls.glue;
import static org.assertj.core.api.Assertions.assertThat;

class WebhookAndAlertmanagerTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(AlertingHarness.T0);
    private final ObjectMapper json = new ObjectMapper();

    private AlertingHarness harness(String yaml) {
        return new AlertingHarness(dir, clock, yaml,
                Receivers.create(AlertingHarness.config(yaml), r -> null, HttpDelivery.defaultClient(), clock));
    }

    @Test
    void webhookBodiesAreSignedWithHmacSha256AndCarryTheIdempotencyKey() throws Exception {
        try (FakeHttpReceiver hook = new FakeHttpReceiver()) {
            String yaml = """
                    alerting:
                      receivers:
                        - name: ops-hook
                          webhook:
                            url: "%s"
                            hmac_secret: s3cr3t
                            headers: {X-Team: data}
                    """.formatted(hook.uri("/hook"));
            try (AlertingHarness h = harness(yaml)) {
                h.engine().onPollCompleted(Polls.completed(clock.instant(), List.of(glue("orders-zetl", "FAILED"))));
                h.dispatcher().drain();
            }
            FakeHttpReceiver.Request request = hook.requests().get(0);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("s3cr3t".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(request.body().getBytes(StandardCharsets.UTF_8)));
            assertThat(request.headers().getFirst("X-Integration-Monitor-Signature")).isEqualTo(expected);
            assertThat(request.headers().getFirst("X-Team")).isEqualTo("data");

            JsonNode body = json.readTree(request.body());
            assertThat(body.get("version").asText()).isEqualTo("1");
            assertThat(body.get("state").asText()).isEqualTo("firing");
            assertThat(request.headers().getFirst("Idempotency-Key")).isEqualTo(body.get("idempotency_key").asText());
            assertThat(body.at("/alerts/0/arn").asText()).isEqualTo(Polls.arn("orders-zetl"));
            assertThat(body.at("/alerts/0/severity").asText()).isEqualTo("critical");
        }
    }

    @Test
    void alertmanagerGetsLabelledAlertsOnEveryUrlResendsAndEndsAt() throws Exception {
        try (FakeHttpReceiver am1 = new FakeHttpReceiver(); FakeHttpReceiver am2 = new FakeHttpReceiver()) {
            am1.respond(n -> 503);
            String yaml = """
                    alerting:
                      external_url: http://monitor.example:9108/
                      receivers:
                        - name: am
                          alertmanager:
                            urls: ["%s", "%s"]
                            resend_interval: 1m
                    """.formatted(am1.uri(""), am2.uri("/"));
            try (AlertingHarness h = harness(yaml)) {
                h.engine().onPollCompleted(Polls.completed(clock.instant(), List.of(glue("orders-zetl", "FAILED"))));
                h.dispatcher().drain();
                clock.advance(Duration.ofMinutes(1));
                h.engine().onPollCompleted(Polls.completed(clock.instant(), List.of(glue("orders-zetl", "FAILED"))));
                h.dispatcher().drain();
                clock.advance(Duration.ofMinutes(1));
                h.engine().onPollCompleted(Polls.completed(clock.instant(), List.of(glue("orders-zetl", "ACTIVE"))));
                h.dispatcher().drain();
            }
            // one member down: still delivered (any accepted), every request went to both
            assertThat(am1.requests()).hasSize(3);
            assertThat(am2.acceptedBodies()).hasSize(3);
            assertThat(am2.requests()).allSatisfy(r -> assertThat(r.path()).isEqualTo("/api/v2/alerts"));

            JsonNode first = json.readTree(am2.acceptedBodies().get(0)).get(0);
            assertThat(first.at("/labels/alertname").asText()).isEqualTo("IntegrationFailed");
            assertThat(first.at("/labels/arn").asText()).isEqualTo(Polls.arn("orders-zetl"));
            assertThat(first.at("/labels/severity").asText()).isEqualTo("critical");
            assertThat(first.at("/labels/account_id").asText()).isEqualTo(Polls.ACCOUNT);
            assertThat(first.has("endsAt")).isFalse();
            assertThat(first.get("generatorURL").asText())
                    .startsWith("http://monitor.example:9108/resource?arn=arn%3Aaws%3Aglue");
            JsonNode resent = json.readTree(am2.acceptedBodies().get(1)).get(0);
            assertThat(resent.get("labels")).isEqualTo(first.get("labels"));
            assertThat(resent.get("startsAt")).isEqualTo(first.get("startsAt"));
            JsonNode resolved = json.readTree(am2.acceptedBodies().get(2)).get(0);
            assertThat(resolved.get("labels")).isEqualTo(first.get("labels"));
            assertThat(resolved.get("endsAt").asText()).isEqualTo("2025-03-03T09:02:00Z");
        }
    }
}
