package io.integrationmonitor.config;

import java.net.URI;

/**
 * A Slack incoming webhook.
 *
 * @param webhookUrl   the webhook URL (a secret: never logged or printed)
 * @param channel      optional channel override (only honoured by legacy webhooks)
 * @param username     optional sender name override (legacy webhooks)
 * @param sendResolved also send a message when an alert resolves
 */
public record SlackReceiverConfig(URI webhookUrl, String channel, String username, Boolean sendResolved) {
    public SlackReceiverConfig {
        if (webhookUrl == null) {
            throw KeyProblem.at("webhook_url", "is required").exception();
        }
        Validation.secretHttpUri(webhookUrl, "webhook_url");
        sendResolved = sendResolved == null || sendResolved;
    }

    @Override
    public String toString() {
        return "SlackReceiverConfig[webhookUrl=<redacted>, channel=" + channel + ", username=" + username
                + ", sendResolved=" + sendResolved + "]";
    }
}
