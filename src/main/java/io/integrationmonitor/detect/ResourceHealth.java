package io.integrationmonitor.detect;

import io.integrationmonitor.config.StuckConfig;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one definition of a resource's health, asked by the detector, the alerts, the status page, the API and
 * {@code once}. Pure functions: state in, verdict out.
 *
 * <ul>
 *   <li><b>unhealthy</b>: FAILED for every kind, and NEEDS_ATTENTION for the Glue kinds;</li>
 *   <li><b>healthy</b>: ACTIVE for the Glue kinds; COMPLETED and NEVER_EXECUTED (nothing ran yet, nothing
 *       failed) for an association's last execution;</li>
 *   <li><b>transient</b>: on the way to another status ({@link ResourceStatus#isTransient()});</li>
 *   <li><b>stuck</b>: in a transient status for at least its {@link StuckConfig} threshold, measured from
 *       {@link KnownResource#statusSince()};</li>
 *   <li><b>unknown</b>: a status this version does not know: neither healthy nor unhealthy, but shown.</li>
 * </ul>
 *
 * <p>Stuck is decided once, by the detector at poll time ({@link #isStuck}), and recorded with the resource
 * ({@link KnownResource#stuckReported()}, set with the STUCK event); every other consumer reads that record
 * ({@link #of(KnownResource)}). So the page, the API, {@code once} and the alerts never disagree with the
 * events between two polls, and none of them needs the thresholds or a clock.
 */
public final class ResourceHealth {
    private ResourceHealth() {
    }

    /** A resource's health, worst last. */
    public enum Verdict {
        HEALTHY, TRANSIENT, UNKNOWN, STUCK, UNHEALTHY;

        /** Unhealthy or stuck: what an operator has to look at (listed first, alerted on). */
        public boolean needsAttention() {
            return this == UNHEALTHY || this == STUCK;
        }
    }

    /** The verdict on a known resource, stuck as the detector recorded it. */
    public static Verdict of(KnownResource known) {
        Verdict byStatus = of(known.resource().kind(), known.status());
        return byStatus == Verdict.TRANSIENT && known.stuckReported() ? Verdict.STUCK : byStatus;
    }

    /** The verdict a status alone gives: never STUCK, which takes the time spent in it. */
    public static Verdict of(ResourceKind kind, ResourceStatus status) {
        if (isUnhealthy(kind, status)) {
            return Verdict.UNHEALTHY;
        }
        if (isHealthy(kind, status)) {
            return Verdict.HEALTHY;
        }
        if (status.isTransient()) {
            return Verdict.TRANSIENT;
        }
        return Verdict.UNKNOWN;
    }

    /** FAILED, and for the Glue kinds NEEDS_ATTENTION. */
    static boolean isUnhealthy(ResourceKind kind, ResourceStatus status) {
        return status == ResourceStatus.FAILED || (kind.isIntegration() && status == ResourceStatus.NEEDS_ATTENTION);
    }

    /** ACTIVE for the Glue kinds; COMPLETED or NEVER_EXECUTED for an association's last execution. */
    static boolean isHealthy(ResourceKind kind, ResourceStatus status) {
        return kind.isIntegration()
                ? status == ResourceStatus.ACTIVE
                : status == ResourceStatus.COMPLETED || status == ResourceStatus.NEVER_EXECUTED;
    }

    /**
     * The stuck rule: in a transient status for at least its threshold at {@code now}, measured from when the
     * status was first seen. A {@code 0s} threshold disables the check for its status.
     */
    static boolean isStuck(KnownResource known, StuckConfig stuck, Instant now) {
        ResourceStatus status = known.status();
        if (!status.isTransient()) {
            return false;
        }
        Optional<Duration> threshold = stuck.thresholdFor(status.label());
        return threshold.isPresent() && known.statusAge(now).compareTo(threshold.get()) >= 0;
    }
}
