package io.integrationmonitor.freshness;

import io.integrationmonitor.config.FreshnessConfig;
import io.integrationmonitor.pipeline.Permission;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.PollErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One freshness poll of one (account, region), start to finish: the watched integrations, their metrics
 * ({@link FreshnessPoller}), the decision ({@link FreshnessDecider}), then the readings replaced and the alert
 * sink reconciled. A failed, malformed or refused poll changes nothing: no reading, no finding, no resolution.
 *
 * <p>A refusal by CloudWatch itself ({@code cloudwatch:GetMetricData} not granted) before its first answer makes
 * the source <em>not permitted</em> ({@link Permission}): one WARN, then CloudWatch is asked only every
 * {@value Permission#PROBE_EVERY}th run, and the status polls go on untouched. Other failures are logged at WARN
 * when a streak starts (or its reason changes), at DEBUG while it lasts, and at INFO when it ends. A scheduled job:
 * {@link #run()} never throws.
 */
public final class FreshnessRunner implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(FreshnessRunner.class);
    /** The SDK's service name of CloudWatch's errors. */
    private static final String CLOUDWATCH = "CloudWatch";

    private final String accountId;
    private final String region;
    private final WatchedIntegrations watched;
    private final FreshnessReadings readings;
    private final FreshnessDecider decider;
    private final FreshnessAlertSink sink;
    private final FreshnessPollRecorder metrics;
    private final FreshnessPoller poller;
    private final Clock clock;
    private final Permission permission = new Permission();
    // guarded by this
    private PollErrorReason failing;
    private FreshnessPollResult lastNotPermitted;

    /**
     * @param sink    where findings go; null sends none (the {@code once} command)
     * @param metrics the self-metrics; null records none
     */
    public FreshnessRunner(String accountId, String region, CloudWatchClient cloudWatch, WatchedIntegrations watched,
                           FreshnessReadings readings, FreshnessDecider decider, FreshnessAlertSink sink,
                           FreshnessConfig config, FreshnessPollRecorder metrics, Clock clock) {
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.region = Objects.requireNonNull(region, "region");
        this.watched = Objects.requireNonNull(watched, "watched");
        this.readings = Objects.requireNonNull(readings, "readings");
        this.decider = Objects.requireNonNull(decider, "decider");
        this.sink = sink;
        this.metrics = metrics;
        this.poller = new FreshnessPoller(cloudWatch, config);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The scheduler's key of the freshness job of one account and region. */
    public static String key(String accountId, String region) {
        return "freshness/" + accountId + "/" + region;
    }

    public String key() {
        return key(accountId, region);
    }

    @Override
    public void run() {
        runOnce();
    }

    /**
     * Runs one poll and returns what it came to. Never throws: CloudWatch's errors, a malformed answer, a bug and
     * a state store that cannot be written all end as a failed poll. While not permitted, a run that is not due
     * to ask again returns the last not-permitted result without a request.
     */
    public synchronized FreshnessPollResult runOnce() {
        if (!permission.probeDue()) {
            log.debug("freshness of account {} region {} skipped: not permitted, asked again every {}th run",
                    accountId, region, Permission.PROBE_EVERY);
            return lastNotPermitted;
        }
        Instant start = clock.instant();
        FreshnessPollResult result;
        try {
            result = poll(start);
        } catch (RuntimeException e) {
            // a bug or the shared state: never out of a scheduled job
            result = failed(start, PollErrorReason.OTHER, PollErrors.describe(e), 0, 0, e);
        }
        if (metrics != null) {
            metrics.record(result, Duration.between(start, result.at()));
        }
        return result;
    }

    private FreshnessPollResult poll(Instant now) {
        List<WatchedIntegration> integrations = watched.in(accountId, region);
        if (integrations.isEmpty()) {
            readings.replace(accountId, region, List.of());
            if (sink != null) {
                sink.reconcile(accountId, region, List.of(), Set.of(), now);
            }
            return completed(now, List.of(), List.of(), 0, 0);
        }
        FreshnessPoller.Poll poll;
        try {
            poll = poller.poll(integrations, now);
        } catch (FreshnessPollException e) {
            Permission.Verdict verdict = permission.failed(PollErrors.refusedByService(CLOUDWATCH, e));
            if (verdict != Permission.Verdict.FAILED) {
                return notPermitted(e, verdict == Permission.Verdict.NOT_PERMITTED);
            }
            PollErrorReason reason = e.getCause() instanceof MalformedMetricDataException
                    ? PollErrorReason.INVALID_RESPONSE : PollErrors.classify(e.getCause());
            return failed(now, reason, e.getMessage(), e.queries(), e.requests(), null);
        }
        if (permission.answered()) {
            log.info("freshness of account {} region {} is permitted now: CloudWatch answered; polled every "
                    + "interval again", accountId, region);
        }
        FreshnessDecider.Decision decision = decider.decide(integrations, poll.measured(),
                readings.of(accountId, region), now);
        readings.replace(accountId, region, decision.readings());
        if (sink != null) {
            Set<String> judged = new LinkedHashSet<>();
            integrations.forEach(w -> judged.add(w.arn()));
            sink.reconcile(accountId, region, decision.findings(), judged, now);
        }
        return completed(now, decision.readings(), decision.findings(), poll.queries(), poll.requests());
    }

    private FreshnessPollResult completed(Instant now, List<FreshnessReading> judged,
                                          List<FreshnessFinding> findings, int queries, int requests) {
        if (failing != null) {
            log.info("freshness of account {} region {} succeeded again", accountId, region);
            failing = null;
        }
        return new FreshnessPollResult(accountId, region, FreshnessPollResult.Outcome.COMPLETED, clock.instant(),
                "", judged, findings, queries, requests);
    }

    private FreshnessPollResult notPermitted(FreshnessPollException e, boolean first) {
        String message = "the role lacks cloudwatch:GetMetricData (" + e.getMessage() + ")";
        if (first) {
            log.atWarn()
                    .addKeyValue("account_id", accountId)
                    .addKeyValue("region", region)
                    .addKeyValue("iam_actions", "cloudwatch:GetMetricData")
                    .log("freshness of account {} region {} not permitted: the role lacks cloudwatch:GetMetricData; "
                            + "status polls go on ({}). Asked again every {}th run", accountId, region,
                            e.getMessage(), Permission.PROBE_EVERY);
        } else {
            log.debug("freshness of account {} region {} still not permitted: {}", accountId, region, e.getMessage());
        }
        failing = null;
        lastNotPermitted = new FreshnessPollResult(accountId, region, FreshnessPollResult.Outcome.NOT_PERMITTED,
                clock.instant(), message, List.of(), List.of(), e.queries(), e.requests());
        return lastNotPermitted;
    }

    /** @param unexpected not an AWS answer (a bug, the shared state): its stack trace goes with the first WARN */
    private FreshnessPollResult failed(Instant start, PollErrorReason reason, String message, int queries,
                                       int requests, RuntimeException unexpected) {
        if (failing != reason) {
            log.warn("freshness of account {} region {} failed ({}): {}; nothing changed. Further failures of this "
                    + "kind are logged at DEBUG until it recovers", accountId, region, reason.label(), message,
                    unexpected);
        } else {
            log.debug("freshness of account {} region {} failed again ({}): {}", accountId, region, reason.label(),
                    message);
        }
        failing = reason;
        return new FreshnessPollResult(accountId, region, FreshnessPollResult.Outcome.FAILED, clock.instant(),
                message, List.of(), List.of(), queries, requests);
    }
}
