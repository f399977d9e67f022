package io.integrationmonitor.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The Quartz job of one poll target (or of another keyed poll, such as freshness). Concurrent execution is disallowed so that a slow poll never
 * overlaps itself; the job data holds only the target key, so it also works with a clustered JDBC store.
 */
@DisallowConcurrentExecution
final class PollJob implements Job {
    static final String TARGET_KEY = "target";

    private final Runnable runner;

    PollJob(Runnable runner) {
        this.runner = runner;
    }

    @Override
    public void execute(JobExecutionContext context) {
        runner.run();
    }
}
