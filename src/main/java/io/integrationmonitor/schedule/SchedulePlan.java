package io.integrationmonitor.schedule;

import org.quartz.Trigger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Evenly spread phases: the jobs of one interval are due {@code interval / count} apart, instead of all at the same
 * instant. Sorted by key, the job of rank r takes slot {@code r * stride mod count} (offset {@code slot * interval /
 * count} from the epoch), the stride coprime with the count and near its golden section: every slot is taken once,
 * and keys that sort together (one source's targets, {@code source/account/region}) land spread over the whole
 * interval instead of crowding one part of it (150 AppIntegrations polls of a second each in a row would outrun the
 * poll threads while the rest of the interval idles). A pure function of the jobs, so every restart and every replica
 * computes the same plan.
 */
public final class SchedulePlan {
    /** Quartz's default trigger priority: a job that need not start before others. */
    public static final int DEFAULT_PRIORITY = Trigger.DEFAULT_PRIORITY;

    private final Map<String, PlannedJob> jobs;

    private SchedulePlan(Map<String, PlannedJob> jobs) {
        this.jobs = jobs;
    }

    /** What to plan: a job's key (its Quartz name), its interval and its priority (see {@link PlannedJob}). */
    public record Job(String key, Duration interval, int priority) {
        public Job {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(interval, "interval");
        }
    }

    /** @throws IllegalArgumentException when two jobs share a key or an interval is under a millisecond */
    public static SchedulePlan of(Collection<Job> jobs) {
        Map<Duration, List<Job>> byInterval = new TreeMap<>();
        for (Job job : jobs) {
            byInterval.computeIfAbsent(job.interval(), i -> new ArrayList<>()).add(job);
        }
        Map<String, PlannedJob> planned = new LinkedHashMap<>();
        for (List<Job> group : byInterval.values()) {
            group.sort(Comparator.comparing(Job::key));
            long intervalMs = group.get(0).interval().toMillis();
            int count = group.size();
            long stride = stride(count);
            for (int rank = 0; rank < count; rank++) {
                Job job = group.get(rank);
                long slot = rank * stride % count;
                Duration offset = Duration.ofMillis(intervalMs * slot / count);
                if (planned.put(job.key(), new PlannedJob(job.key(), job.interval(), offset, job.priority())) != null) {
                    throw new IllegalArgumentException("two jobs are keyed " + job.key());
                }
            }
        }
        return new SchedulePlan(planned);
    }

    /** The step between consecutive ranks' slots: coprime with {@code count} (so a permutation), near 0.618 of it. */
    static long stride(int count) {
        long near = Math.max(1, Math.round(count * 0.6180339887498949));
        for (long d = 0; d < count; d++) {
            for (long s : new long[] {near + d, near - d}) {
                if (s >= 1 && s <= count && gcd(s, count) == 1) {
                    return s;
                }
            }
        }
        return 1;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** @throws IllegalArgumentException for a key the plan was not made with */
    public PlannedJob job(String key) {
        PlannedJob job = jobs.get(key);
        if (job == null) {
            throw new IllegalArgumentException("no job " + key + " in the plan");
        }
        return job;
    }

    public Collection<PlannedJob> jobs() {
        return List.copyOf(jobs.values());
    }

    /**
     * The shortest interval of the plan, the job store's misfire threshold: a poll less than that late still runs
     * (in due order), one later is skipped to its next slot. Empty plan: one minute.
     */
    public Duration shortestInterval() {
        return jobs.values().stream().map(PlannedJob::interval).min(Comparator.naturalOrder())
                .orElse(Duration.ofMinutes(1));
    }
}
