package io.integrationmonitor.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the monitor's own counters say happened between two scrapes: polls completed (per target), CPU and
 * allocation, and, where the build exports it, how many polls started within 1 s of their due time. Pure: from two
 * expositions and the seconds between them.
 *
 * @param polls             polls completed in the window, all targets
 * @param minPollsPerTarget the fewest of any target (a target that has not polled yet counts 0)
 * @param maxPollsPerTarget the most of any target
 * @param resourcePolls     sum over targets of (polls in the window x resources in the target's last poll)
 * @param cpuSeconds        process CPU in the window; NaN when not exported
 * @param allocatedBytes    heap allocated in the window (counted at GCs); NaN when not exported
 * @param lagStarted        polls the schedule-lag timer counted in the window; NaN when the build has no such timer
 * @param lagWithinOneSecond of those, the ones that started at most 1 s after due (bucket {@code le="1.0"})
 */
record PollWindow(double seconds, int targets, long polls, long minPollsPerTarget, long maxPollsPerTarget,
                  double resourcePolls, double cpuSeconds, double allocatedBytes, double lagStarted,
                  double lagWithinOneSecond, double listingCalls) {
    static final String POLLS = "integration_monitor_poll_duration_seconds_count";
    static final String RESOURCES = "integration_monitor_poll_resources";
    static final String CPU = "process_cpu_seconds_total";
    static final String LAG = "integration_monitor_poll_schedule_lag_seconds";
    static final String MIN_INTERVAL = "integration_monitor_poll_schedule_min_interval_seconds";
    static final String AWS_REQUESTS = "integration_monitor_aws_requests_total";
    /** Services the monitor calls besides the listings the bound counts: credentials, freshness, alerts, events. */
    private static final List<String> NOT_LISTING = List.of("sts", "cloudwatch", "sns", "sqs");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    PollWindow {
        if (seconds <= 0 || targets <= 0) {
            throw new IllegalArgumentException("a window needs a positive length and targets");
        }
    }

    static PollWindow between(Exposition a, Exposition b, double seconds, int targets) {
        Map<String, Double> before = pollsByTarget(a);
        Map<String, Double> after = pollsByTarget(b);
        Map<String, Double> resources = byTarget(b, RESOURCES);
        long polls = 0;
        long min = after.size() < targets ? 0 : Long.MAX_VALUE;
        long max = 0;
        double resourcePolls = 0;
        for (Map.Entry<String, Double> e : after.entrySet()) {
            long delta = Math.round(e.getValue() - before.getOrDefault(e.getKey(), 0.0));
            polls += delta;
            min = Math.min(min, delta);
            max = Math.max(max, delta);
            resourcePolls += delta * resources.getOrDefault(e.getKey(), 0.0);
        }
        return new PollWindow(seconds, targets, polls, after.isEmpty() ? 0 : min, max, resourcePolls,
                delta(a, b, CPU), delta(a, b, CyclePhase.ALLOCATED),
                delta(a, b, LAG + "_count"), delta(a, b, LAG + "_bucket", "le=\"1.0\""), listingCalls(b) - listingCalls(a));
    }

    /** Polls completed per target (source, account, region) so far. */
    static Map<String, Double> pollsByTarget(Exposition e) {
        return byTarget(e, POLLS);
    }

    /** Every target has completed at least {@code n} polls. */
    static boolean allPolledAtLeast(Exposition e, int targets, long n) {
        Map<String, Double> polls = pollsByTarget(e);
        return polls.size() >= targets && polls.values().stream().allMatch(v -> v >= n);
    }

    static long totalPolls(Exposition e) {
        return Math.round(pollsByTarget(e).values().stream().mapToDouble(Double::doubleValue).sum());
    }

    /** The monitor's own estimate of the shortest sustainable interval (the largest if per source); NaN if absent. */
    static double minIntervalGauge(Exposition e) {
        return e.series(MIN_INTERVAL).stream().mapToDouble(Exposition.Sample::value).max().orElse(Double.NaN);
    }

    /** API attempts of the listing services, from the monitor's own request counter. */
    static double listingCalls(Exposition e) {
        double all = e.sum(AWS_REQUESTS);
        for (String service : NOT_LISTING) {
            all -= e.sum(AWS_REQUESTS, "service=\"" + service + "\"");
        }
        return all;
    }

    /**
     * Seconds one full cycle takes at this window's call rate: the calls of a cycle over the listing calls per second.
     * Not skewed by which targets polled more often (short polls come round more often when all are due).
     */
    double cycleSeconds(long callsPerCycle) {
        return listingCalls <= 0 ? Double.POSITIVE_INFINITY : seconds * callsPerCycle / listingCalls;
    }

    /** Seconds one full cycle of every target takes at the rate of this window. */
    double cycleSeconds() {
        return polls == 0 ? Double.POSITIVE_INFINITY : targets * seconds / polls;
    }

    /** Full cycles' worth of polls in the window. */
    double cycles() {
        return (double) polls / targets;
    }

    /** The share of polls that started within 1 s of due; NaN when the build has no lag timer or nothing started. */
    double shareWithinOneSecond() {
        return Double.isNaN(lagStarted) || lagStarted <= 0 ? Double.NaN : lagWithinOneSecond / lagStarted;
    }

    double cpuPerResourcePoll() {
        return resourcePolls <= 0 ? Double.NaN : cpuSeconds / resourcePolls;
    }

    double allocatedPerResourcePoll() {
        return resourcePolls <= 0 ? Double.NaN : allocatedBytes / resourcePolls;
    }

    /** The windows end to end: one window from the first's start to the last's end. */
    static PollWindow span(List<PollWindow> windows, Exposition first, Exposition last) {
        double seconds = windows.stream().mapToDouble(PollWindow::seconds).sum();
        return between(first, last, seconds, windows.get(0).targets());
    }

    static String label(String labels, String name) {
        Matcher m = LABEL.matcher(labels);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        return "";
    }

    /** One poll target: its source, account and region labels. */
    static String targetKey(String labels) {
        return label(labels, "source") + '|' + label(labels, "account_id") + '|' + label(labels, "region");
    }

    private static Map<String, Double> byTarget(Exposition e, String name) {
        Map<String, Double> out = new HashMap<>();
        for (Exposition.Sample s : e.series(name)) {
            out.merge(targetKey(s.labels()), s.value(), Double::sum);
        }
        return out;
    }

    private static double delta(Exposition a, Exposition b, String name, String... labels) {
        if (b.series(name, labels).isEmpty()) {
            return Double.NaN;
        }
        return b.sum(name, labels) - a.sum(name, labels);
    }
}
