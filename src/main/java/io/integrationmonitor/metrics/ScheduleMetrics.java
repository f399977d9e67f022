package io.integrationmonitor.metrics;

import io.integrationmonitor.config.Durations;
import io.integrationmonitor.detect.EventListener;
import io.integrationmonitor.detect.PollCompleted;
import io.integrationmonitor.detect.PollFailed;
import io.integrationmonitor.detect.PollNotPermitted;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.Source;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Whether the schedule keeps up, and what it would take when it does not:
 * <ul>
 *   <li>{@code integration_monitor_poll_schedule_lag_seconds{source}}: histogram of how late each scheduled poll
 *       started (due time to start), zero-initialised per configured source</li>
 *   <li>{@code integration_monitor_poll_interval_seconds{source}}: the configured interval</li>
 *   <li>{@code integration_monitor_poll_schedule_min_interval_seconds}: the shortest interval the estate sustains
 *       with this process's poll threads, from each target's last poll duration ({@link SustainableInterval})</li>
 * </ul>
 * and one WARN when polls start falling behind, one INFO when they are back on schedule ({@link LateStarts}).
 */
public final class ScheduleMetrics implements EventListener {
    private static final Logger log = LoggerFactory.getLogger(ScheduleMetrics.class);
    /** The benchmark and the Prometheus rule read the 1 s bucket: keep it. */
    private static final Duration[] LAG_BUCKETS = {
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300)};

    private final Map<PollTarget, Duration> intervals;
    private final Function<Source, String> intervalKey;
    private final int pollThreads;
    private final Clock clock;
    private final Map<Source, Timer> lags = new EnumMap<>(Source.class);
    private final Map<PollTarget, Duration> lastPollDurations = new ConcurrentHashMap<>();
    private final LateStarts lateStarts = new LateStarts();

    /**
     * @param intervals   every scheduled target with its configured interval
     * @param intervalKey the configuration key of a source's interval, for the WARN ({@code sources.x.interval})
     * @param pollThreads the threads polls run on ({@code aws.max_concurrent_polls}, at most one per target)
     */
    public ScheduleMetrics(MeterRegistry registry, Map<PollTarget, Duration> intervals,
                           Function<Source, String> intervalKey, int pollThreads, Clock clock) {
        this.intervals = Map.copyOf(intervals);
        this.intervalKey = intervalKey;
        this.pollThreads = pollThreads;
        this.clock = clock;
        Map<Source, Duration> bySource = new EnumMap<>(Source.class);
        this.intervals.forEach((target, interval) -> bySource.put(target.source(), interval));
        bySource.forEach((source, interval) -> {
            lags.put(source, Timer.builder("integration.monitor.poll.schedule.lag")
                    .description("How late each scheduled poll started: from its due time to its start")
                    .serviceLevelObjectives(LAG_BUCKETS)
                    .tag("source", source.label())
                    .register(registry));
            Gauge.builder("integration.monitor.poll.interval", interval, d -> d.toMillis() / 1000.0)
                    .description("The configured poll interval (sources.*.interval)")
                    .baseUnit("seconds")
                    .tag("source", source.label())
                    .register(registry);
        });
        Gauge.builder("integration.monitor.poll.schedule.min.interval", this, m -> m.sustainableInterval().toMillis() / 1000.0)
                .description("The shortest poll interval the estate sustains with this process's poll threads: the "
                        + "targets' last poll durations summed and spread over the threads, at least the longest")
                .baseUnit("seconds")
                .register(registry);
    }

    /** A scheduled poll of {@code target} started {@code lag} after its due time. */
    public void started(PollTarget target, Duration lag) {
        Duration interval = intervals.get(target);
        Timer timer = lags.get(target.source());
        if (interval == null || timer == null) {
            return; // not a scheduled target of this process
        }
        timer.record(lag);
        LateStarts.Notice notice;
        Duration quietFor;
        synchronized (lateStarts) {
            notice = lateStarts.started(clock.instant(), lag, interval);
            quietFor = lateStarts.quietFor();
        }
        // only bounded text: a source label, config keys, durations and counts
        switch (notice) {
            case FALLING_BEHIND -> log.warn("polls are falling behind their schedule: a poll of {} started {} after it "
                            + "was due (interval {}); the last polls of the {} targets need an interval of at least {} "
                            + "on {} poll threads: set {} (and the other sources' intervals) to at least that, or "
                            + "raise aws.max_concurrent_polls; integration_monitor_poll_schedule_lag_seconds shows "
                            + "how late, and this is logged again only after polls are back on schedule",
                    target.source().label(), Durations.format(lag), Durations.format(interval), intervals.size(),
                    Durations.format(sustainableInterval()), pollThreads, intervalKey.apply(target.source()));
            case BACK_ON_SCHEDULE -> log.info("polls are back on schedule: none started late for {}",
                    Durations.format(quietFor));
            case NONE -> { }
        }
    }

    /** The estimate of {@code integration_monitor_poll_schedule_min_interval_seconds}. */
    Duration sustainableInterval() {
        return SustainableInterval.estimate(List.copyOf(lastPollDurations.values()), pollThreads);
    }

    @Override
    public void onPollCompleted(PollCompleted event) {
        if (!event.snapshot().targeted()) { // one resource described: not the duration of the target's poll
            lastPoll(event.target(), event.duration());
        }
    }

    @Override
    public void onPollFailed(PollFailed event) {
        lastPoll(event.target(), event.duration());
    }

    @Override
    public void onPollNotPermitted(PollNotPermitted event) {
        lastPoll(event.target(), event.duration());
    }

    private void lastPoll(PollTarget target, Duration duration) {
        if (intervals.containsKey(target)) {
            lastPollDurations.put(target, duration);
        }
    }
}
