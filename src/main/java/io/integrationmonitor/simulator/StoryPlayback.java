package io.integrationmonitor.simulator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A story being played; close it to stop early. */
public final class StoryPlayback implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StoryPlayback.class);

    private final ScheduledExecutorService scheduler;
    private final CountDownLatch remaining;

    StoryPlayback(List<ScriptedStory.Step> steps, Estate estate, double speed, Consumer<ScriptedStory.Step> onStep) {
        this.remaining = new CountDownLatch(steps.size());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "simulator-story");
            t.setDaemon(true);
            return t;
        });
        for (ScriptedStory.Step step : steps) {
            long delayNanos = (long) (step.at().toNanos() / speed);
            scheduler.schedule(() -> run(step, estate, onStep), delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void run(ScriptedStory.Step step, Estate estate, Consumer<ScriptedStory.Step> onStep) {
        try {
            step.action().accept(estate);
            onStep.accept(step);
        } catch (RuntimeException e) {
            // A step whose resource was removed meanwhile is skipped; the story goes on.
            log.warn("story step '{}' skipped: {}", step.description(), e.getMessage());
        } finally {
            remaining.countDown();
        }
    }

    /** Waits for every step to have run; false on timeout. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return remaining.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public boolean isFinished() {
        return remaining.getCount() == 0;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
