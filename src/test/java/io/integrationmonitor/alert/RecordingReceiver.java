package io.integrationmonitor.alert;

import io.integrationmonitor.alert.evaluate.Notification;
import io.integrationmonitor.alert.receiver.DeliveryResult;
import io.integrationmonitor.alert.receiver.Receiver;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory receiver for lifecycle tests. */
final class RecordingReceiver implements Receiver {
    private final String name;
    private final boolean sendResolved;
    private final Duration resendInterval;
    private final List<Notification> received = new CopyOnWriteArrayList<>();

    RecordingReceiver(String name) {
        this(name, true, null);
    }

    RecordingReceiver(String name, boolean sendResolved, Duration resendInterval) {
        this.name = name;
        this.sendResolved = sendResolved;
        this.resendInterval = resendInterval;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "test";
    }

    @Override
    public boolean sendResolved() {
        return sendResolved;
    }

    @Override
    public Optional<Duration> resendInterval() {
        return Optional.ofNullable(resendInterval);
    }

    @Override
    public DeliveryResult deliver(Notification notification) {
        received.add(notification);
        return DeliveryResult.ok();
    }

    List<Notification> received() {
        return List.copyOf(received);
    }

    /** Titles in delivery order. */
    List<String> titles() {
        return received.stream().map(Notification::title).toList();
    }

    void clear() {
        received.clear();
    }
}
