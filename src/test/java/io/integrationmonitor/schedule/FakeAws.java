package io.integrationmonitor.schedule;

import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.PollFailedException;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.Poller;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;
import io.integrationmonitor.poll.Snapshot;
import io.integrationmonitor.poll.Source;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * What every replica's pollers see, as AWS would be one for all of them: one Glue integration per target
 * whose status the test sets. It also records which replica polled which target when, and how many
 * polls of one target ever ran at the same time.
 */
final class FakeAws {
    /** A real poll takes a while; long enough that two replicas running the same fire would overlap. */
    private static final Duration POLL_LATENCY = Duration.ofMillis(100);

    private final List<PollTarget> targets;
    private final Map<PollTarget, ResourceStatus> statuses = new ConcurrentHashMap<>();
    private final Map<PollTarget, AtomicInteger> running = new ConcurrentHashMap<>();
    private final AtomicInteger maxRunningOfOneTarget = new AtomicInteger();
    private final List<Poll> polls = new ArrayList<>();
    private final Hold hold = new Hold();

    record Poll(String replica, PollTarget target, Instant at) {
    }

    FakeAws(int targetCount) {
        targets = IntStream.range(0, targetCount)
                .mapToObj(i -> new PollTarget(Source.GLUE_INTEGRATIONS, String.format("%012d", 100000000000L + i), "eu-west-1"))
                .toList();
        targets.forEach(t -> {
            statuses.put(t, ResourceStatus.ACTIVE);
            running.put(t, new AtomicInteger());
        });
    }

    List<PollTarget> targets() {
        return targets;
    }

    void setStatus(PollTarget target, ResourceStatus status) {
        statuses.put(target, status);
    }

    static String arnOf(PollTarget target) {
        return "arn:aws:glue:" + target.region() + ":" + target.accountId() + ":integration:only-one";
    }

    Poller pollerFor(String replica, PollTarget target) {
        return new Poller() {
            @Override
            public PollTarget target() {
                return target;
            }

            @Override
            public Snapshot poll() throws PollFailedException {
                return FakeAws.this.poll(replica, target);
            }
        };
    }

    int maxRunningOfOneTarget() {
        return maxRunningOfOneTarget.get();
    }

    synchronized List<Poll> polls() {
        return List.copyOf(polls);
    }

    long pollsOf(PollTarget target) {
        return polls().stream().filter(p -> p.target().equals(target)).count();
    }

    long pollsBy(String replica) {
        return polls().stream().filter(p -> p.replica().equals(replica)).count();
    }

    long pollsOfSince(PollTarget target, String replica, Instant since) {
        return polls().stream()
                .filter(p -> p.target().equals(target) && p.replica().equals(replica) && !p.at().isBefore(since))
                .count();
    }

    Hold hold() {
        return hold;
    }

    private Snapshot poll(String replica, PollTarget target) throws PollFailedException {
        AtomicInteger now = running.get(target);
        maxRunningOfOneTarget.accumulateAndGet(now.incrementAndGet(), Math::max);
        try {
            synchronized (this) {
                polls.add(new Poll(replica, target, Instant.now()));
            }
            if (hold.holds(replica, target)) {
                throw new PollFailedException(PollErrorReason.OTHER, "the replica died during the poll", null);
            }
            Thread.sleep(POLL_LATENCY.toMillis());
            ObservedResource integration = new ObservedResource(ResourceKind.GLUE_INTEGRATION, arnOf(target),
                    "only-one", target.accountId(), target.region(), statuses.get(target), null, null, null, null);
            return new Snapshot(target, Instant.now(), List.of(integration), 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PollFailedException(PollErrorReason.TIMEOUT, "interrupted", e);
        } finally {
            now.decrementAndGet();
        }
    }

    /** Holds the next poll that one replica starts until released: the replica is "mid-poll" when it dies. */
    static final class Hold {
        private final AtomicBoolean armed = new AtomicBoolean();
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile String replica;
        private volatile PollTarget held;

        void arm(String replica) {
            this.replica = replica;
            armed.set(true);
        }

        /** The held target, once a poll is held; null when none came within the timeout. */
        PollTarget awaitHeld(Duration timeout) throws InterruptedException {
            return entered.await(timeout.toMillis(), TimeUnit.MILLISECONDS) ? held : null;
        }

        void release() {
            released.countDown();
        }

        private boolean holds(String pollingReplica, PollTarget target) throws InterruptedException {
            if (!pollingReplica.equals(replica) || !armed.compareAndSet(true, false)) {
                return false;
            }
            held = target;
            entered.countDown();
            released.await();
            return true;
        }
    }
}
