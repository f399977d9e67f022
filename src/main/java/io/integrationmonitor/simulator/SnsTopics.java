package io.integrationmonitor.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Records every SNS message published; optionally refuses topics that were not created first. */
public final class SnsTopics {
    private final List<PublishedMessage> messages = new ArrayList<>();
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private volatile boolean requireExistingTopics;

    /** When on, Publish to a topic not {@link #createTopic created} fails with NotFound (404). */
    public void requireExistingTopics(boolean require) {
        this.requireExistingTopics = require;
    }

    public void createTopic(String topicArn) {
        topics.add(topicArn);
    }

    public void deleteTopic(String topicArn) {
        topics.remove(topicArn);
    }

    boolean accepts(String topicArn) {
        return !requireExistingTopics || topics.contains(topicArn);
    }

    synchronized void record(PublishedMessage message) {
        messages.add(message);
        notifyAll();
    }

    public synchronized List<PublishedMessage> messages() {
        return List.copyOf(messages);
    }

    public synchronized void clearMessages() {
        messages.clear();
    }

    /** Waits until at least {@code count} messages were published; returns them all (possibly fewer on timeout). */
    public synchronized List<PublishedMessage> awaitMessages(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messages.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return new ArrayList<>(messages);
    }
}
