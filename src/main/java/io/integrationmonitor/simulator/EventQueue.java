package io.integrationmonitor.simulator;

import java.util.Objects;

/** A simulator SQS queue that an (imagined) EventBridge rule targets: its partition and name. */
public record EventQueue(Partition partition, String name) {
    /** The queue the demo and {@code simulator --events} use unless told otherwise. */
    public static final String DEFAULT_NAME = "integration-events";

    public EventQueue {
        Objects.requireNonNull(partition, "partition");
        SqsQueues.validName(name);
        if (!partition.account().matches("\\d{12}")) {
            throw new IllegalArgumentException("an SQS queue's account is 12 digits: " + partition.account());
        }
    }

    /** {@code ACCOUNT/NAME} in {@code region}, as {@code --events-queue} takes it. */
    public static EventQueue parse(String text, String region) {
        String[] parts = text.split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected ACCOUNT/QUEUE_NAME, e.g. 123456789012/" + DEFAULT_NAME
                    + ": " + text);
        }
        return new EventQueue(new Partition(parts[0], region), parts[1]);
    }

    @Override
    public String toString() {
        return partition.account() + "/" + name + " (" + partition.region() + ")";
    }
}
