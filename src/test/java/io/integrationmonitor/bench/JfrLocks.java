package io.integrationmonitor.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Poll threads blocked during a JFR recording (settings=profile, which records monitor waits and parks of 10 ms or
 * more): {@code jdk.JavaMonitorEnter} (waiting for a {@code synchronized} lock) and {@code jdk.ThreadPark} (a
 * {@code java.util.concurrent} lock or condition), on threads named {@code poll-*}.
 */
final class JfrLocks {
    static final String MONITOR_ENTER = "jdk.JavaMonitorEnter";
    static final String PARK = "jdk.ThreadPark";

    /** Counts and total durations, the monitor classes most waited for, and the recording's length. */
    record Summary(long monitorEnters, Duration monitorEnterTotal, long parks, Duration parkTotal,
                   List<String> topMonitorClasses, double windowSeconds) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "poll threads: %d monitor enters (%.2f s in all), %d parks (%.2f s in all)"
                            + " over a %.1f s window; most waited-for monitors: %s", monitorEnters,
                    monitorEnterTotal.toNanos() / 1e9, parks, parkTotal.toNanos() / 1e9, windowSeconds,
                    topMonitorClasses.isEmpty() ? "none" : String.join(", ", topMonitorClasses));
        }
    }

    private JfrLocks() {
    }

    static Summary read(Path recording, double windowSeconds) throws IOException {
        return summarize(RecordingFile.readAllEvents(recording), windowSeconds);
    }

    static Summary summarize(List<RecordedEvent> events, double windowSeconds) {
        long enters = 0;
        long parks = 0;
        Duration enterTotal = Duration.ZERO;
        Duration parkTotal = Duration.ZERO;
        Map<String, Duration> byClass = new HashMap<>();
        for (RecordedEvent e : events) {
            String type = e.getEventType().getName();
            if (!(type.equals(MONITOR_ENTER) || type.equals(PARK)) || !onPollThread(e.getThread())) {
                continue;
            }
            if (type.equals(MONITOR_ENTER)) {
                enters++;
                enterTotal = enterTotal.plus(e.getDuration());
                var monitorClass = e.getClass("monitorClass");
                byClass.merge(monitorClass == null ? "?" : monitorClass.getName(), e.getDuration(), Duration::plus);
            } else {
                parks++;
                parkTotal = parkTotal.plus(e.getDuration());
            }
        }
        List<String> top = byClass.entrySet().stream().sorted((a, b) -> b.getValue().compareTo(a.getValue())).limit(3)
                .map(x -> String.format(Locale.ROOT, "%s %.2f s", x.getKey(), x.getValue().toNanos() / 1e9)).toList();
        return new Summary(enters, enterTotal, parks, parkTotal, top, windowSeconds);
    }

    private static boolean onPollThread(RecordedThread thread) {
        return thread != null && thread.getJavaName() != null && thread.getJavaName().startsWith("poll-");
    }
}
