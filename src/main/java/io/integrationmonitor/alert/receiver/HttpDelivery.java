package io.integrationmonitor.alert.receiver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

/**
 * POSTs JSON and classifies the answer. Errors name the status, or the exception type with host and port:
 * the rest of the URL is a secret for Slack and webhooks and never appears in a result, log line or metric.
 */
public final class HttpDelivery {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient client;
    private final Clock clock;

    HttpDelivery(HttpClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public static HttpClient defaultClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    DeliveryResult postJson(URI uri, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "integration-monitor")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), ResponseExcerpt.handler(uri));
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return DeliveryResult.ok();
            }
            Duration retryAfter = response.headers().firstValue("Retry-After").flatMap(this::parseRetryAfter).orElse(null);
            return DeliveryResult.failed("HTTP " + status, retryAfter, response.body());
        } catch (IOException e) {
            // host and port say which endpoint; path, query and user info may be the secret
            return DeliveryResult.failed("I/O error: " + e.getClass().getSimpleName() + " (" + hostAndPort(uri) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.failed("interrupted");
        }
    }

    static String hostAndPort(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
        return uri.getHost() + ":" + port;
    }

    /** {@code Retry-After} is either delay-seconds or an HTTP date. */
    Optional<Duration> parseRetryAfter(String value) {
        String v = value.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (RuntimeException notDate) {
                return Optional.empty();
            }
        }
    }
}
