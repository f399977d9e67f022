package io.integrationmonitor.schedule;

import io.integrationmonitor.config.ClusterConfig;

import java.time.Duration;
import java.util.Properties;

/**
 * Quartz properties for the two deployment modes. The misfire threshold is the plan's shortest interval
 * ({@link SchedulePlan#shortestInterval()}): a fire less than one interval late still runs, in due order; a later
 * one is skipped to its next slot (see {@link PollScheduler}).
 */
public final class QuartzSettings {
    static final String JOB_STORE_DATA_SOURCE = "org.quartz.jobStore.dataSource";
    static final String INSTANCE_NAME = "org.quartz.scheduler.instanceName";
    private static final String MISFIRE_THRESHOLD = "org.quartz.jobStore.misfireThreshold";

    private QuartzSettings() {
    }

    /** Single instance: in-memory job store; the schedule is rebuilt from config at every start. */
    public static Properties inMemory(String instanceName, int threads, Duration misfireThreshold) {
        Properties p = common(instanceName, threads, misfireThreshold);
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        return p;
    }

    /**
     * Clustered: Quartz's JDBC job store on the shared PostgreSQL database (tables created by
     * {@code Database.postgres}). Every replica must use the same {@code instanceName}: it is the cluster's
     * name in the tables. Pass these to {@link PollScheduler#PollScheduler(Properties, javax.sql.DataSource,
     * java.time.Duration)}, which connects the job store to the monitor's pool.
     */
    public static Properties clustered(String instanceName, int threads, ClusterConfig cluster,
                                       Duration misfireThreshold) {
        Properties p = common(instanceName, threads, misfireThreshold);
        p.setProperty("org.quartz.scheduler.instanceId", cluster.instanceId());
        p.setProperty("org.quartz.jobStore.class", ReleasingJobStoreTX.class.getName());
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(cluster.checkinInterval().toMillis()));
        // A replica that found every trigger taken by others sleeps this long before it looks again (Quartz's
        // default is 30 s); nothing wakes it when another replica shuts down and lets go of its triggers.
        long idleWaitMs = Math.max(1000, Math.min(cluster.checkinInterval().toMillis(), 30_000));
        p.setProperty("org.quartz.scheduler.idleWaitTime", Long.toString(idleWaitMs));
        // Job data as strings, not serialized Java objects: the tables stay readable and class-version proof.
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        return p;
    }

    private static Properties common(String instanceName, int threads, Duration misfireThreshold) {
        Properties p = new Properties();
        p.setProperty(MISFIRE_THRESHOLD, Long.toString(Math.max(1, misfireThreshold.toMillis())));
        p.setProperty(INSTANCE_NAME, instanceName);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(Math.max(1, threads)));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "poll");
        p.setProperty("org.quartz.scheduler.interruptJobsOnShutdownWithWait", "false");
        return p;
    }
}
