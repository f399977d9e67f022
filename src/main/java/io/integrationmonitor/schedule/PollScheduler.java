package io.integrationmonitor.schedule;

import io.integrationmonitor.pipeline.PollRunner;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Quartz, one repeating job per poll target, each on the phase its {@link PlannedJob} gives (the targets of one
 * interval spread evenly over it), plus a one-shot first poll at start. A trigger keeps its phase: a fire less
 * than the misfire threshold (the shortest interval, {@link QuartzSettings}) late still runs, in due order; one
 * later is skipped to its next slot, never replayed and never re-anchored; a poll that started late moves its next
 * fire to a slot at least half an interval on ({@link PollJob}), so that when the estate does not fit the interval
 * every target loses a turn in its turn rather than one target again and again.
 * Among triggers due at the same instant the higher priority starts first. {@link PollJob} never overlaps itself.
 *
 * <p>Clustered (a JDBC job store shared by replicas), every replica registers the same jobs; Quartz fires
 * each on one replica only, and a replica that stops checking in has its jobs taken over by another.
 * Registration keeps the schedule the cluster already has unless it differs, and the last replica to start
 * removes jobs of targets that are not in its configuration: replicas are meant to share one configuration.
 */
public final class PollScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PollScheduler.class);
    /** The jobs, and their repeating triggers: only fires of these count as schedule lag. */
    static final String REPEATING_GROUP = "poll";
    /** One-shot triggers of {@link #pollNow}, named by target key: at most one pending per target. */
    private static final String NOW_GROUP = "poll-now";
    /** One-shot first polls of newly created schedules, named by target key. */
    private static final String START_GROUP = "poll-start";

    private final Scheduler scheduler;
    /** What each job runs, by job name: a target's poll, or a freshness poll of an account and region. */
    private final Map<String, Registered> runners = new ConcurrentHashMap<>();
    private final Duration shutdownGrace;

    /**
     * A scheduler whose job store needs no database (see {@link QuartzSettings#inMemory}).
     *
     * @param quartzProperties Quartz settings (thread pool, job store); see {@link QuartzSettings}
     * @param shutdownGrace    how long a running poll may finish on shutdown before it is abandoned
     */
    public PollScheduler(Properties quartzProperties, Duration shutdownGrace) {
        this(quartzProperties, null, shutdownGrace, ScheduleLagListener.NONE);
    }

    /** As above, telling {@code lags} how late each scheduled poll starts. */
    public PollScheduler(Properties quartzProperties, Duration shutdownGrace, ScheduleLagListener lags) {
        this(quartzProperties, null, shutdownGrace, lags);
    }

    /**
     * A scheduler whose JDBC job store (see {@link QuartzSettings#clustered}) borrows its connections from
     * {@code jobStoreDataSource}: the monitor's own pool, which stays the caller's to close (after this).
     */
    public PollScheduler(Properties quartzProperties, DataSource jobStoreDataSource, Duration shutdownGrace) {
        this(quartzProperties, jobStoreDataSource, shutdownGrace, ScheduleLagListener.NONE);
    }

    /** As above, telling {@code lags} how late each scheduled poll starts. */
    public PollScheduler(Properties quartzProperties, DataSource jobStoreDataSource, Duration shutdownGrace,
                         ScheduleLagListener lags) {
        this.shutdownGrace = shutdownGrace;
        try {
            this.scheduler = createScheduler(quartzProperties, jobStoreDataSource);
            this.scheduler.setJobFactory(new RunnerJobFactory(runners::get, lags));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot create the Quartz scheduler: " + e.getMessage(), e);
        }
    }

    /**
     * Quartz keeps two process-wide registries. Its connection-provider registry is the only way to hand a
     * job store an existing DataSource, so each scheduler registers its provider under a name of its own.
     * Its scheduler registry would hand a second scheduler of the same name (a cluster's replicas share
     * the name; tests run two in one JVM) the first one, so the scheduler is taken out of it at once: this
     * class holds its scheduler and never looks one up by name. The registries are locked meanwhile.
     */
    private static Scheduler createScheduler(Properties quartzProperties, DataSource jobStoreDataSource)
            throws SchedulerException {
        Properties properties = new Properties();
        properties.putAll(quartzProperties);
        SchedulerRepository repository = SchedulerRepository.getInstance();
        synchronized (repository) {
            SharedPoolConnectionProvider provider = null;
            if (jobStoreDataSource != null) {
                String name = properties.getProperty(QuartzSettings.INSTANCE_NAME, "quartz") + "-" + UUID.randomUUID();
                provider = new SharedPoolConnectionProvider(jobStoreDataSource);
                DBConnectionManager.getInstance().addConnectionProvider(name, provider);
                properties.setProperty(QuartzSettings.JOB_STORE_DATA_SOURCE, name);
            }
            try {
                Scheduler created = new StdSchedulerFactory(properties).getScheduler();
                repository.remove(created.getSchedulerName());
                return created;
            } catch (SchedulerException | RuntimeException e) {
                if (provider != null) {
                    provider.shutdown();
                }
                throw e;
            }
        }
    }

    /**
     * Registers a job (a target's poll under the target's key, or a freshness poll under a name of its own) on
     * its planned phase: a one-shot poll at {@code firstRunAt} (fired at once if that has passed), then every
     * interval from the first slot at least half an interval later. In a clustered store the existing schedule
     * is kept as it is when its interval, phase and priority are the plan's, so that a replica's start neither
     * shifts nor doubles the cluster's polls; it then gets no one-shot poll either.
     */
    public void schedule(PlannedJob planned, Runnable run, Instant firstRunAt) {
        String key = planned.key();
        runners.put(key, new Registered(planned, run));
        JobDetail job = JobBuilder.newJob(PollJob.class)
                .withIdentity(key, REPEATING_GROUP)
                .usingJobData(PollJob.TARGET_KEY, key)
                .storeDurably()
                // a replica that dies mid-poll: another one re-runs the poll once it notices
                .requestRecovery()
                .build();
        SimpleTrigger trigger = repeatingTrigger(planned, planned.repeatingStart(firstRunAt));
        try {
            if (alreadyScheduledAlike(job, trigger, planned)) {
                log.debug("kept the cluster's existing schedule of {}", key);
                return;
            }
            // replace: two replicas starting together both store it; the job store's lock serializes them
            scheduler.scheduleJob(job, Set.of(trigger), true);
            fireOnce(key, START_GROUP, firstRunAt, planned.priority());
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule the poll of " + key + ": " + e.getMessage(), e);
        }
    }

    /** The job's repeating trigger, its first fire at {@code start} (a slot of its phase). */
    static SimpleTrigger repeatingTrigger(PlannedJob planned, Instant start) {
        return TriggerBuilder.newTrigger()
                .withIdentity(planned.key(), REPEATING_GROUP)
                .forJob(planned.key(), REPEATING_GROUP)
                .withPriority(planned.priority())
                .startAt(Date.from(start))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(planned.interval().toMillis())
                        .repeatForever()
                        // more than the misfire threshold late (after a stall, a failover, a whole-cluster
                        // restart): skip to the next slot of the phase, no replay, no re-anchoring at "now"
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    /** A one-shot fire of the job; false when one of the group is pending for it already. */
    private boolean fireOnce(String key, String group, Instant at, int priority) throws SchedulerException {
        TriggerKey once = TriggerKey.triggerKey(key, group);
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(once)
                .forJob(JobKey.jobKey(key, REPEATING_GROUP))
                .withPriority(priority)
                .startAt(Date.from(at))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        if (scheduler.checkExists(once)) {
            return false;
        }
        try {
            scheduler.scheduleJob(trigger);
            return true;
        } catch (ObjectAlreadyExistsException e) {
            return false;
        }
    }

    private boolean alreadyScheduledAlike(JobDetail job, SimpleTrigger trigger, PlannedJob planned)
            throws SchedulerException {
        Trigger existing = scheduler.getTrigger(trigger.getKey());
        if (!(existing instanceof SimpleTrigger current)
                || current.getRepeatInterval() != trigger.getRepeatInterval()
                || !planned.onPhase(current.getStartTime().toInstant())
                || current.getPriority() != trigger.getPriority()
                || current.getMisfireInstruction() != trigger.getMisfireInstruction()
                || scheduler.getTriggerState(trigger.getKey()) == Trigger.TriggerState.ERROR) {
            return false;
        }
        JobDetail existingJob = scheduler.getJobDetail(job.getKey());
        return existingJob != null
                && existingJob.getJobClass() == job.getJobClass()
                && existingJob.requestsRecovery() == job.requestsRecovery()
                && job.getJobDataMap().equals(existingJob.getJobDataMap());
    }

    /**
     * Fires the target's poll job now, outside its schedule (an event said the target changed); in clustered mode
     * any replica may run it. Coalesces: while a fire asked for earlier is still pending, this one is dropped. The
     * job still never overlaps itself, so it waits for a poll already running. Never throws: the scheduled polls
     * reconcile anyway. By the target's key ({@code PollTarget#key()}, the job's name): this package knows only
     * the pipeline.
     */
    public void pollNow(String key) {
        try {
            if (!fireOnce(key, NOW_GROUP, Instant.now(), SchedulePlan.DEFAULT_PRIORITY)) {
                log.debug("a poll of {} is already pending", key);
            }
        } catch (SchedulerException e) {
            log.warn("cannot fire the poll of {} now: {}", key, e.getMessage());
        }
    }

    /** Removes jobs of targets that were not scheduled here (left by an earlier configuration), then starts. */
    public void start() {
        try {
            for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(REPEATING_GROUP))) {
                if (!runners.containsKey(key.getName())) {
                    scheduler.deleteJob(key);
                    log.info("removed the poll schedule of {}: the target is no longer configured", key.getName());
                }
            }
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the Quartz scheduler: " + e.getMessage(), e);
        }
    }

    /**
     * Stops firing; waits up to the grace period for running polls, then abandons them. Triggers this
     * replica had acquired but not fired go back to the cluster at once; an abandoned poll's trigger
     * stays marked as running here until another replica declares this one dead and recovers it.
     */
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

    /** Stops at once, leaving running polls to finish or fail on their own: a crash, as far as tests need. */
    void halt() {
        try {
            scheduler.shutdown(false);
        } catch (SchedulerException e) {
            log.warn("Quartz shutdown failed: {}", e.getMessage());
        }
    }

    /** A job registered here: its place in the schedule and what it runs. */
    private record Registered(PlannedJob plan, Runnable run) {
    }

    /** Hands Quartz the runner of the fired target instead of a reflectively built job. */
    private static final class RunnerJobFactory implements JobFactory {
        private final Function<String, Registered> runners;
        private final ScheduleLagListener lags;
        private final Set<String> reportedUnknown = ConcurrentHashMap.newKeySet();

        RunnerJobFactory(Function<String, Registered> runners, ScheduleLagListener lags) {
            this.runners = runners;
            this.lags = lags;
        }

        @Override
        public org.quartz.Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
            String key = bundle.getJobDetail().getJobDataMap().getString(PollJob.TARGET_KEY);
            Registered runner = runners.apply(key);
            if (runner == null) {
                // Clustered, a job registered by a replica with another configuration (mid-rollout). Throwing
                // would put the trigger in ERROR state for the whole cluster; skipping loses this one fire.
                if (reportedUnknown.add(key)) {
                    log.warn("target {} is scheduled by another replica but not configured here; its polls that"
                            + " fire on this replica are skipped (replicas should share one configuration)", key);
                }
                return context -> { };
            }
            return new PollJob(runner.plan(), runner.run(), lags);
        }
    }
}
