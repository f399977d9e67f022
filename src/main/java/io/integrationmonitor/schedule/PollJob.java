package io.integrationmonitor.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The Quartz job of one poll target (or of another keyed poll, such as freshness). Concurrent execution is disallowed so that a slow poll never
 * overlaps itself; the job data holds only the target key, so it also works with a clustered JDBC store.
 */
@DisallowConcurrentExecution
final class PollJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(PollJob.class);
    static final String TARGET_KEY = "target";

    private final PlannedJob planned;
    private final Runnable runner;
    private final ScheduleLagListener lags;

    PollJob(PlannedJob planned, Runnable runner, ScheduleLagListener lags) {
        this.planned = planned;
        this.runner = runner;
        this.lags = lags;
    }

    @Override
    public void execute(JobExecutionContext context) {
        if (onSchedule(context)) {
            try {
                lags.started(planned.key(), lagOf(context));
            } catch (RuntimeException e) {
                log.debug("the schedule lag listener failed for {}", planned.key(), e); // the poll matters more
            }
            keepHalfAnIntervalApart(context);
        }
        runner.run();
    }

    /**
     * A poll that started late gives up its next slot when that is less than half an interval away, moving on to
     * the first slot of its phase half an interval after this start (the rule of the first scheduled poll too).
     * Without it, when the estate does not fit the interval, the jobs that happen to be skipped on a misfire fall
     * behind the others again and again (their skipped slot puts them behind every late job), while a job late
     * by less than half an interval keeps its next slot.
     */
    private void keepHalfAnIntervalApart(JobExecutionContext context) {
        Date next = context.getNextFireTime();
        Instant due = planned.repeatingStart(context.getFireTime().toInstant());
        if (next == null || !next.toInstant().isBefore(due)) {
            return;
        }
        try {
            context.getScheduler().rescheduleJob(context.getTrigger().getKey(), PollScheduler.repeatingTrigger(planned, due));
        } catch (SchedulerException e) {
            log.debug("cannot move the next poll of {} on: it keeps its slot", planned.key(), e);
        }
    }

    /** A fire of the repeating schedule: not a one-shot (start, poll now), not a dead replica's poll re-run. */
    private static boolean onSchedule(JobExecutionContext context) {
        return PollScheduler.REPEATING_GROUP.equals(context.getTrigger().getKey().getGroup())
                && !context.isRecovering();
    }

    private static Duration lagOf(JobExecutionContext context) {
        long ms = context.getFireTime().getTime() - context.getScheduledFireTime().getTime();
        return Duration.ofMillis(Math.max(0, ms));
    }
}
