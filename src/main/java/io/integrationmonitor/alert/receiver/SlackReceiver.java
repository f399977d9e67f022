package io.integrationmonitor.alert.receiver;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.alert.evaluate.Json;
import io.integrationmonitor.alert.evaluate.Notification;
import io.integrationmonitor.config.SlackReceiverConfig;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Slack incoming webhook. Honours 429 {@code Retry-After} through the dispatcher. */
final class SlackReceiver implements Receiver {
    private final String name;
    private final SlackReceiverConfig config;
    private final HttpDelivery http;
    private final SlackMessage message;
    private final ObjectMapper json;

    SlackReceiver(String name, SlackReceiverConfig config, HttpDelivery http, SlackMessage message, ObjectMapper json) {
        this.name = name;
        this.config = config;
        this.http = http;
        this.message = message;
        this.json = json;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "slack";
    }

    @Override
    public boolean sendResolved() {
        return config.sendResolved();
    }

    @Override
    public DeliveryResult deliver(Notification n) {
        String body = Json.write(json, message.render(n, config.channel(), config.username()));
        return http.postJson(config.webhookUrl(), body.getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
