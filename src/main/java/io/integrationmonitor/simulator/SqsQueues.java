package io.integrationmonitor.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The simulator's SQS queues, per (account, region) partition: standard queues with visibility timeouts,
 * receive counts and receipt handles, served by {@link SqsApi} and steered from tests, stories and the admin API
 * (create a queue, send an EventBridge event into it, read what is left).
 *
 * <p>One lock and one condition for all queues: a send wakes every long poll, each re-checks its own queue. That
 * is plenty for a simulator and keeps the waiting bounded by the caller's {@code WaitTimeSeconds}.
 *
 * <p>Receipt handles encode the message id and the receive number, so nothing is kept per handle: a handle of a
 * message already deleted deletes nothing and succeeds (as SQS does), one that does not decode is
 * {@code ReceiptHandleIsInvalid}. Thread-safe.
 */
public final class SqsQueues {
    /** SQS's default queue attribute VisibilityTimeout (30 s). */
    static final int DEFAULT_VISIBILITY_SECONDS = 30;
    private static final String HANDLE_PREFIX = "simrh:";

    /** A message as the admin API and tests see it. */
    public record QueuedMessage(String messageId, String body, int receiveCount, boolean inFlight) {
    }

    /** One receive: the message and the handle this receive issued. */
    record Received(String messageId, String body, String md5OfBody, String receiptHandle, int receiveCount,
                    long sentTimestampMillis, long firstReceiveTimestampMillis) {
    }

    private record QueueKey(Partition partition, String name) {
    }

    /** GetQueueAttributes' approximate counts: visible now, received and not yet visible again, delayed. */
    record Counts(int visible, int inFlight, int delayed) {
    }

    private static final class Message {
        final String id;
        final String body;
        final long sentMillis;
        long visibleAtMillis;
        int receiveCount;
        long firstReceiveMillis;
        String currentHandle;

        Message(String id, String body, long sentMillis, long visibleAtMillis) {
            this.id = id;
            this.body = body;
            this.sentMillis = sentMillis;
            this.visibleAtMillis = visibleAtMillis;
        }
    }

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // Guarded by lock. Insertion order = send order (a standard queue does not promise it; tests may rely on it).
    private final Map<QueueKey, LinkedHashMap<String, Message>> queues = new LinkedHashMap<>();
    // Guarded by lock: the queue attribute VisibilityTimeout where a test or the admin API set one.
    private final Map<QueueKey, Duration> visibilityTimeouts = new HashMap<>();

    public SqsQueues() {
        this(Clock.systemUTC());
    }

    SqsQueues(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Creates the queue if it does not exist (idempotent, as SQS CreateQueue with the same attributes). */
    public void createQueue(Partition partition, String name) {
        validName(name);
        lock.lock();
        try {
            queues.computeIfAbsent(new QueueKey(partition, name), k -> new LinkedHashMap<>());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sets the queue attribute VisibilityTimeout (SetQueueAttributes), used by a receive that names none; tests
     * shorten it so that a message left undeleted comes back within seconds.
     */
    public void setVisibilityTimeout(Partition partition, String name, Duration visibility) {
        Objects.requireNonNull(visibility, "visibility");
        if (visibility.isNegative() || visibility.compareTo(Duration.ofHours(12)) > 0) {
            throw new IllegalArgumentException("VisibilityTimeout must be 0 s to 12 h");
        }
        lock.lock();
        try {
            queue(partition, name);
            visibilityTimeouts.put(new QueueKey(partition, name), visibility);
        } finally {
            lock.unlock();
        }
    }

    /** The queue attribute VisibilityTimeout: as set, else SQS's default of 30 s. */
    Duration visibilityTimeout(Partition partition, String name) {
        lock.lock();
        try {
            return visibilityTimeouts.getOrDefault(new QueueKey(partition, name),
                    Duration.ofSeconds(DEFAULT_VISIBILITY_SECONDS));
        } finally {
            lock.unlock();
        }
    }

    /** ApproximateNumberOfMessages, ...NotVisible and ...Delayed, exact here. */
    Counts counts(Partition partition, String name) {
        lock.lock();
        try {
            long now = clock.millis();
            int visible = 0;
            int inFlight = 0;
            int delayed = 0;
            for (Message m : queue(partition, name).values()) {
                if (m.visibleAtMillis <= now) {
                    visible++;
                } else if (m.receiveCount > 0) {
                    inFlight++;
                } else {
                    delayed++;
                }
            }
            return new Counts(visible, inFlight, delayed);
        } finally {
            lock.unlock();
        }
    }

    public boolean exists(Partition partition, String name) {
        lock.lock();
        try {
            return queues.containsKey(new QueueKey(partition, name));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Enqueues {@code body} as SendMessage would; returns the message id.
     *
     * @throws NoSuchElementException when the queue does not exist
     */
    public String send(Partition partition, String name, String body) {
        return send(partition, name, body, Duration.ZERO);
    }

    /** With a delivery delay (SendMessage's DelaySeconds, or an EventBridge delivery late on purpose). */
    public String send(Partition partition, String name, String body, Duration delay) {
        Objects.requireNonNull(body, "body");
        lock.lock();
        try {
            Map<String, Message> queue = queue(partition, name);
            String id = UUID.randomUUID().toString();
            long now = clock.millis();
            queue.put(id, new Message(id, body, now, now + delay.toMillis()));
            changed.signalAll();
            return id;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Enqueues an EventBridge event as an EventBridge rule with an SQS target delivers it: the event JSON itself
     * is the message body (no SNS-style wrapper; "Amazon SQS permissions" / "Event bus targets" in the
     * EventBridge User Guide).
     */
    public String publishEvent(Partition partition, String name, String eventJson) {
        return send(partition, name, eventJson);
    }

    /** Every message left in the queue (visible or in flight), in send order. */
    public List<QueuedMessage> messages(Partition partition, String name) {
        lock.lock();
        try {
            long now = clock.millis();
            List<QueuedMessage> out = new ArrayList<>();
            for (Message m : queue(partition, name).values()) {
                out.add(new QueuedMessage(m.id, m.body, m.receiveCount, m.visibleAtMillis > now && m.receiveCount > 0));
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Up to {@code max} visible messages, waiting up to {@code wait} for the first one to arrive (a long poll
     * returns as soon as any message is there); each one returned is hidden for {@code visibility}.
     */
    List<Received> receive(Partition partition, String name, int max, Duration wait, Duration visibility)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        lock.lock();
        try {
            while (true) {
                Map<String, Message> queue = queue(partition, name);
                long now = clock.millis();
                List<Received> out = new ArrayList<>();
                long nextVisible = Long.MAX_VALUE;
                for (Message m : queue.values()) {
                    if (out.size() >= max) {
                        break;
                    }
                    if (m.visibleAtMillis > now) {
                        nextVisible = Math.min(nextVisible, m.visibleAtMillis);
                        continue;
                    }
                    m.receiveCount++;
                    if (m.receiveCount == 1) {
                        m.firstReceiveMillis = now;
                    }
                    m.visibleAtMillis = now + visibility.toMillis();
                    m.currentHandle = handle(m.id, m.receiveCount);
                    out.add(new Received(m.id, m.body, md5Hex(m.body), m.currentHandle, m.receiveCount,
                            m.sentMillis, m.firstReceiveMillis));
                }
                long left = deadline - System.nanoTime();
                if (!out.isEmpty() || left <= 0) {
                    return out;
                }
                // wake for a send, or when a hidden message becomes visible again, whichever is first
                long untilVisible = nextVisible == Long.MAX_VALUE ? Long.MAX_VALUE
                        : TimeUnit.MILLISECONDS.toNanos(Math.max(1, nextVisible - now));
                changed.awaitNanos(Math.min(left, untilVisible));
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Deletes the message a receipt handle names; true also when it is already gone.
     *
     * @throws IllegalArgumentException when the handle was never issued by this simulator
     */
    boolean delete(Partition partition, String name, String receiptHandle) {
        String id = messageIdOf(receiptHandle);
        lock.lock();
        try {
            queue(partition, name).remove(id);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sets the in-flight message's remaining visibility to {@code visibility} from now (0 = visible at once).
     *
     * @throws IllegalArgumentException when the handle does not decode or names no message left
     * @throws IllegalStateException    when the message is not in flight
     */
    void changeVisibility(Partition partition, String name, String receiptHandle, Duration visibility) {
        String id = messageIdOf(receiptHandle);
        lock.lock();
        try {
            Message m = queue(partition, name).get(id);
            if (m == null) {
                throw new IllegalArgumentException("no message for the receipt handle");
            }
            long now = clock.millis();
            if (m.receiveCount == 0 || m.visibleAtMillis <= now) {
                throw new IllegalStateException("message not in flight");
            }
            m.visibleAtMillis = now + visibility.toMillis();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Removes every message of every queue; the queues stay. */
    public void clearMessages() {
        lock.lock();
        try {
            queues.values().forEach(Map::clear);
        } finally {
            lock.unlock();
        }
    }

    private Map<String, Message> queue(Partition partition, String name) {
        Map<String, Message> queue = queues.get(new QueueKey(partition, name));
        if (queue == null) {
            throw new NoSuchElementException("no SQS queue " + name + " in " + partition);
        }
        return queue;
    }

    /** Queue names: 1-80 characters, alphanumerics, hyphens and underscores, optionally ending in .fifo. */
    static void validName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,75}(\\.fifo)?") || name.length() > 80) {
            throw new IllegalArgumentException("invalid SQS queue name: " + name);
        }
    }

    private static String handle(String messageId, int receiveCount) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (HANDLE_PREFIX + messageId + ":" + receiveCount).getBytes(StandardCharsets.UTF_8));
    }

    private static String messageIdOf(String receiptHandle) {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(receiptHandle == null ? "" : receiptHandle),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("receipt handle does not decode");
        }
        int colon = decoded.lastIndexOf(':');
        if (!decoded.startsWith(HANDLE_PREFIX) || colon <= HANDLE_PREFIX.length()) {
            throw new IllegalArgumentException("receipt handle does not decode");
        }
        return decoded.substring(HANDLE_PREFIX.length(), colon);
    }

    /** MD5OfBody: the hex MD5 of the UTF-8 body, which the SDK's SqsClient checks on every receive. */
    static String md5Hex(String body) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(32);
            for (byte b : digest) {
                sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return sb.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JRE", e);
        }
    }
}
