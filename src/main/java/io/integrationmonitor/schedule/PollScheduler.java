package io.integrationmonitor.schedule;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Quartz, one repeating job per poll target. Missed fires are skipped rather than replayed, and
 * {@link PollJob} never overlaps itself.
 */
public final class PollScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PollScheduler.class);
    private static final String GROUP = "poll";

    private final Scheduler scheduler;
    private final Map<String, PollRunner> runners = new ConcurrentHashMap<>();
    private final Duration shutdownGrace;

    /**
     * @param quartzProperties Quartz settings (thread pool, job store); see {@link QuartzSettings}
     * @param shutdownGrace    how long a running poll may finish on shutdown before it is abandoned
     */
    public PollScheduler(Properties quartzProperties, Duration shutdownGrace) {
        this.shutdownGrace = shutdownGrace;
        try {
            this.scheduler = new StdSchedulerFactory(quartzProperties).getScheduler();
            this.scheduler.setJobFactory(new RunnerJobFactory(runners::get));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot create the Quartz scheduler: " + e.getMessage(), e);
        }
    }

    /**
     * Registers a target's poll. The first poll fires after {@code initialDelay}, then every {@code interval}.
     */
    public void schedule(PollRunner runner, Duration interval, Duration initialDelay) {
        String key = runner.target().key();
        runners.put(key, runner);
        JobDetail job = JobBuilder.newJob(PollJob.class)
                .withIdentity(key, GROUP)
                .usingJobData(PollJob.TARGET_KEY, key)
                .storeDurably()
                .build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(key, GROUP)
                .forJob(job)
                .startAt(java.util.Date.from(java.time.Instant.now().plus(initialDelay)))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(interval.toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        try {
            if (scheduler.checkExists(JobKey.jobKey(key, GROUP))) {
                // Clustered store: another replica registered it already; keep its schedule unless the interval changed.
                scheduler.rescheduleJob(TriggerKey.triggerKey(key, GROUP), trigger);
            } else {
                scheduler.scheduleJob(job, trigger);
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule the poll of " + key + ": " + e.getMessage(), e);
        }
    }

    public void start() {
        try {
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the Quartz scheduler: " + e.getMessage(), e);
        }
    }

    /** Stops firing; waits up to the grace period for running polls, then abandons them. */
    @Override
    public void close() {
        Thread waiter = new Thread(() -> {
            try {
                scheduler.shutdown(true);
            } catch (SchedulerException e) {
                log.warn("Quartz shutdown failed: {}", e.getMessage());
            }
        }, "scheduler-shutdown");
        waiter.start();
        try {
            waiter.join(shutdownGrace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (waiter.isAlive()) {
            log.warn("a poll was still running after {}s; abandoning it", shutdownGrace.toSeconds());
        }
    }

    /** Hands Quartz the runner of the fired target instead of a reflectively built job. */
    private static final class RunnerJobFactory implements JobFactory {
        private final Function<String, PollRunner> runners;

        RunnerJobFactory(Function<String, PollRunner> runners) {
            this.runners = runners;
        }

        @Override
        public org.quartz.Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
            String key = bundle.getJobDetail().getJobDataMap().getString(PollJob.TARGET_KEY);
            PollRunner runner = runners.apply(key);
            if (runner == null) {
                // Clustered: a job registered by a replica with a different config; nothing to run here.
                throw new SchedulerException("no poller for target " + key + " on this instance");
            }
            return new PollJob(runner);
        }
    }
}
