package io.integrationmonitor.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Prometheus Alertmanager's push API.
 *
 * @param urls           base URLs of every Alertmanager of an HA pair (each gets every alert)
 * @param resendInterval how often a still-firing alert is re-sent; keep it below Alertmanager's
 *                       {@code resolve_timeout} (default 5m)
 * @param sendResolved   also send the resolution ({@code endsAt})
 */
public record AlertmanagerReceiverConfig(List<URI> urls, Duration resendInterval, Boolean sendResolved) {
    public AlertmanagerReceiverConfig {
        urls = urls == null ? List.of() : List.copyOf(urls);
        if (urls.isEmpty()) {
            throw KeyProblem.at("urls", "must list at least one Alertmanager URL").exception();
        }
        for (int i = 0; i < urls.size(); i++) {
            Validation.secretHttpUri(urls.get(i), "urls[" + i + "]");
        }
        resendInterval = resendInterval == null ? Duration.ofMinutes(1) : resendInterval;
        Validation.positive(resendInterval, "resend_interval");
        sendResolved = sendResolved == null || sendResolved;
    }

    @Override
    public String toString() {
        // URLs may carry basic-auth credentials.
        return "AlertmanagerReceiverConfig[urls=" + urls.size() + ", resendInterval=" + resendInterval
                + ", sendResolved=" + sendResolved + "]";
    }
}
