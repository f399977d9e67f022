package io.integrationmonitor.config;

import java.net.URI;
import java.util.Map;

/**
 * A generic JSON webhook.
 *
 * @param url          where to POST (a secret: it may embed a token)
 * @param hmacSecret   optional key of the {@code X-Integration-Monitor-Signature: sha256=<hex>} header
 * @param headers      extra request headers (values are treated as secrets)
 * @param sendResolved also send resolutions
 */
public record WebhookReceiverConfig(URI url, String hmacSecret, Map<String, String> headers, Boolean sendResolved) {
    public WebhookReceiverConfig {
        if (url == null) {
            throw KeyProblem.at("url", "is required").exception();
        }
        Validation.secretHttpUri(url, "url");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        if (hmacSecret != null && hmacSecret.isEmpty()) {
            throw KeyProblem.at("hmac_secret", "must not be empty when given").exception();
        }
        sendResolved = sendResolved == null || sendResolved;
    }

    @Override
    public String toString() {
        return "WebhookReceiverConfig[url=<redacted>, hmacSecret=" + (hmacSecret == null ? "none" : "<redacted>")
                + ", headers=" + headers.keySet() + ", sendResolved=" + sendResolved + "]";
    }
}
