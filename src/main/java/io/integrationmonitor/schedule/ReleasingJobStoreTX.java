package io.integrationmonitor.schedule;

import org.quartz.JobPersistenceException;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.spi.OperableTrigger;
import org.quartz.spi.TriggerFiredResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Quartz's JDBC job store, but a scheduler that stops hands back the triggers it acquired and has not fired.
 *
 * <p>Quartz 2.5's scheduler thread acquires a trigger up to {@code idleWaitTime} before it is due, then
 * waits; halted meanwhile ({@code QuartzSchedulerThread.run}: {@code goAhead = !halted}) it neither fires
 * nor releases it, so the trigger stays ACQUIRED in this replica's name until the others declare the
 * replica dead (check-in + 7.5 s later). Quartz calls {@link #schedulerPaused()} first thing in
 * {@code standby()} and {@code shutdown()}: from then on this store lets go of what it holds and of
 * whatever the thread still acquires or tries to fire, one attempt each (no retry loop that could
 * hold up a shutdown while the database is away). Public: Quartz instantiates it by class name.
 */
public final class ReleasingJobStoreTX extends JobStoreTX {
    private static final Logger log = LoggerFactory.getLogger(ReleasingJobStoreTX.class);

    /** Acquired, not yet fired or released, by fire instance id. */
    private final Map<String, OperableTrigger> acquired = new ConcurrentHashMap<>();
    private boolean stopping;

    @Override
    public List<OperableTrigger> acquireNextTriggers(long noLaterThan, int maxCount, long timeWindow)
            throws JobPersistenceException {
        List<OperableTrigger> triggers = super.acquireNextTriggers(noLaterThan, maxCount, timeWindow);
        synchronized (this) {
            if (!stopping) {
                triggers.forEach(t -> acquired.put(t.getFireInstanceId(), t));
                return triggers;
            }
        }
        releaseOnce(triggers);
        return new ArrayList<>();
    }

    @Override
    public List<TriggerFiredResult> triggersFired(List<OperableTrigger> triggers) throws JobPersistenceException {
        synchronized (this) {
            if (stopping) {
                // released by schedulerPaused already; an empty result fires nothing
                return new ArrayList<>();
            }
            triggers.forEach(t -> acquired.remove(t.getFireInstanceId()));
        }
        return super.triggersFired(triggers);
    }

    @Override
    public void releaseAcquiredTrigger(OperableTrigger trigger) {
        acquired.remove(trigger.getFireInstanceId());
        super.releaseAcquiredTrigger(trigger);
    }

    @Override
    public void schedulerPaused() {
        List<OperableTrigger> held;
        synchronized (this) {
            stopping = true;
            held = List.copyOf(acquired.values());
            acquired.clear();
        }
        releaseOnce(held);
        super.schedulerPaused();
    }

    @Override
    public void schedulerResumed() {
        synchronized (this) {
            stopping = false;
        }
        super.schedulerResumed();
    }

    private void releaseOnce(List<OperableTrigger> triggers) {
        if (triggers.isEmpty()) {
            return;
        }
        try {
            executeInNonManagedTXLock(LOCK_TRIGGER_ACCESS, conn -> {
                for (OperableTrigger trigger : triggers) {
                    releaseAcquiredTrigger(conn, trigger);
                }
                return null;
            }, null);
            log.debug("handed back {} acquired trigger(s) on stopping", triggers.size());
        } catch (JobPersistenceException | RuntimeException e) {
            log.warn("could not hand back {} acquired poll trigger(s) on stopping ({}); the other replicas"
                    + " take them over once they declare this one dead", triggers.size(), e.getMessage());
        }
    }
}
