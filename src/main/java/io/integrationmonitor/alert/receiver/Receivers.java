package io.integrationmonitor.alert.receiver;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.alert.evaluate.Json;
import io.integrationmonitor.config.AlertingConfig;
import io.integrationmonitor.config.ReceiverConfig;
import software.amazon.awssdk.services.sns.SnsClient;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Builds the configured receivers. */
public final class Receivers {
    private Receivers() {
    }

    /**
     * @param snsClients an SNS client for a region (built by the aws package, cached by the caller)
     * @param http       the HTTP client of Slack, Alertmanager and webhook receivers
     * @return receivers by name, in configuration order
     */
    public static Map<String, Receiver> create(AlertingConfig config, Function<String, SnsClient> snsClients,
                                               HttpClient http, Clock clock) {
        ObjectMapper json = Json.newMapper();
        HttpDelivery delivery = new HttpDelivery(http, clock);
        WebhookPayload payload = new WebhookPayload(json, config.externalUrl());
        Map<String, Receiver> receivers = new LinkedHashMap<>();
        for (ReceiverConfig rc : config.receivers()) {
            receivers.put(rc.name(), create(rc, config, snsClients, delivery, payload, json));
        }
        return receivers;
    }

    /** Receivers with the default HTTP client and the system clock. */
    public static Map<String, Receiver> create(AlertingConfig config, Function<String, SnsClient> snsClients) {
        return create(config, snsClients, Clock.systemUTC());
    }

    /** Receivers with the default HTTP client. */
    public static Map<String, Receiver> create(AlertingConfig config, Function<String, SnsClient> snsClients,
                                               Clock clock) {
        return create(config, snsClients, HttpDelivery.defaultClient(), clock);
    }

    private static Receiver create(ReceiverConfig rc, AlertingConfig config, Function<String, SnsClient> snsClients,
                                   HttpDelivery delivery, WebhookPayload payload, ObjectMapper json) {
        if (rc.slack() != null) {
            return new SlackReceiver(rc.name(), rc.slack(), delivery, new SlackMessage(json, config.groupCap(), config.externalUrl()), json);
        }
        if (rc.sns() != null) {
            return new SnsReceiver(rc.name(), rc.sns(), snsClients, payload, json, config.groupCap(),
                    config.externalUrl());
        }
        if (rc.alertmanager() != null) {
            return new AlertmanagerReceiver(rc.name(), rc.alertmanager(), delivery, json, config.externalUrl());
        }
        if (rc.webhook() != null) {
            return new WebhookReceiver(rc.name(), rc.webhook(), delivery, payload, json);
        }
        return new LogReceiver(rc.name(), rc.log());
    }
}
