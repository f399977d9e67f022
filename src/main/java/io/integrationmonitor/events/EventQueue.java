package io.integrationmonitor.events;

import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One queue to long-poll, with the client of the credentials that may read it.
 *
 * @param name   the queue's name (the last segment of its URL): the {@code queue} label of every metric, bounded
 *               by the configuration
 * @param url    the queue URL as configured
 * @param client an SDK client whose HTTP read timeout and attempt timeout are above the long-poll wait
 */
public record EventQueue(String name, String url, SqsClient client) {
    public EventQueue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(client, "client");
    }

    /** The name from an SQS queue URL, {@code https://host/ACCOUNT/NAME}. */
    public static String nameOf(String url) {
        String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
