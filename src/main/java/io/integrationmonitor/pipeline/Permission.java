package io.integrationmonitor.pipeline;

/**
 * Whether one target's source may be called, as its polls since start tell it. A refusal by the source's own
 * API (IAM: the monitor's identity lacks the action) before the target's first answer makes it <em>not
 * permitted</em>: reported once, polled only every {@value #PROBE_EVERY}th scheduled time so that a grant is
 * noticed, and no failing poll. The same refusal after an answer is an incident (permissions revoked): a
 * failing poll like any other. Any other failure ends the not-permitted spell: it is a failing poll. Also
 * used by the freshness polls ({@code cloudwatch:GetMetricData}).
 */
public final class Permission {
    /** While not permitted, every this many scheduled polls one calls the API again. */
    public static final int PROBE_EVERY = 10;

    /** What a failed poll is. */
    public enum Verdict {
        /** A failing poll, as before this class. */
        FAILED,
        /** Not permitted, and the poll before was not: worth one WARN line. */
        NOT_PERMITTED,
        /** Still not permitted. */
        STILL_NOT_PERMITTED
    }

    private boolean answered;
    private boolean notPermitted;
    private int skipped;

    /** Whether this scheduled poll should call the API: always, except while not permitted (every 10th then). */
    public synchronized boolean probeDue() {
        if (!notPermitted) {
            return true;
        }
        if (++skipped < PROBE_EVERY) {
            return false;
        }
        skipped = 0;
        return true;
    }

    /** Whether the source is not permitted now; unlike {@link #probeDue()}, asks without counting a run. */
    public synchronized boolean notPermitted() {
        return notPermitted;
    }

    /** The source's API answered; true when that ends a not-permitted spell (worth one INFO line). */
    public synchronized boolean answered() {
        boolean granted = notPermitted;
        answered = true;
        notPermitted = false;
        return granted;
    }

    /** @param refusedBySource the source's own API refused the caller's permission for the call */
    public synchronized Verdict failed(boolean refusedBySource) {
        if (!refusedBySource || answered) {
            notPermitted = false;
            return Verdict.FAILED;
        }
        Verdict verdict = notPermitted ? Verdict.STILL_NOT_PERMITTED : Verdict.NOT_PERMITTED;
        notPermitted = true;
        skipped = 0;
        return verdict;
    }
}
