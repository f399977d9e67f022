package io.integrationmonitor.alert.receiver;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.alert.evaluate.Json;
import io.integrationmonitor.alert.evaluate.Notification;
import io.integrationmonitor.config.WebhookReceiverConfig;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON document per notification. The idempotency key is in the body and the {@code Idempotency-Key}
 * header; with {@code hmac_secret}, {@code X-Integration-Monitor-Signature: sha256=<hex>} signs the exact body.
 */
final class WebhookReceiver implements Receiver {
    static final String SIGNATURE_HEADER = "X-Integration-Monitor-Signature";
    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final String name;
    private final WebhookReceiverConfig config;
    private final HttpDelivery http;
    private final WebhookPayload payload;
    private final ObjectMapper json;

    WebhookReceiver(String name, WebhookReceiverConfig config, HttpDelivery http, WebhookPayload payload, ObjectMapper json) {
        this.name = name;
        this.config = config;
        this.http = http;
        this.payload = payload;
        this.json = json;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public boolean sendResolved() {
        return config.sendResolved();
    }

    @Override
    public DeliveryResult deliver(Notification n) {
        byte[] body = Json.write(json, payload.document(n)).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>(config.headers());
        headers.put(IDEMPOTENCY_HEADER, n.idempotencyKey());
        if (config.hmacSecret() != null) {
            headers.put(SIGNATURE_HEADER, "sha256=" + hmacSha256Hex(config.hmacSecret(), body));
        }
        return http.postJson(config.url(), body, headers);
    }

    static String hmacSha256Hex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
