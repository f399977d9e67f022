package io.integrationmonitor.schedule;

import java.util.Properties;

/** Quartz properties for the two deployment modes. */
public final class QuartzSettings {
    private QuartzSettings() {
    }

    /** Single instance: in-memory job store; the schedule is rebuilt from config at every start. */
    public static Properties inMemory(String instanceName, int threads) {
        Properties p = common(instanceName, threads);
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "5000");
        return p;
    }

    private static Properties common(String instanceName, int threads) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", instanceName);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(Math.max(1, threads)));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "poll");
        p.setProperty("org.quartz.scheduler.interruptJobsOnShutdownWithWait", "false");
        return p;
    }
}
