package io.integrationmonitor.metrics;

import io.integrationmonitor.poll.PollTarget;

import java.util.List;

/**
 * The per-target poll families, kept rendered: one {@link DataPointBlock} per target and family, replaced when
 * the target's poll ends. Names and help are the ones Micrometer gave these meters when they were registered
 * with the exposition's registry (its naming convention: base unit and {@code _total} suffixes, {@code _max}
 * beside a timer), so the text is unchanged.
 */
final class PollFamilies {
    static final String DURATION_HELP = "Duration of each poll of a target, through every page, successful or not";

    private final RenderedExposition exposition;
    final RenderedFamily duration;
    final RenderedFamily durationMax;
    final RenderedFamily errors;
    final RenderedFamily consecutiveFailures;
    final RenderedFamily permitted;
    final RenderedFamily lastSuccess;
    final RenderedFamily resources;

    PollFamilies(RenderedExposition exposition) {
        this.exposition = exposition;
        this.duration = exposition.family("integration_monitor_poll_duration_seconds", RenderedFamily.Type.HISTOGRAM,
                DURATION_HELP);
        this.durationMax = exposition.family("integration_monitor_poll_duration_seconds_max", RenderedFamily.Type.GAUGE,
                DURATION_HELP);
        this.errors = exposition.family("integration_monitor_poll_errors", RenderedFamily.Type.COUNTER,
                "Polls that failed after the SDK's retries, by reason");
        this.consecutiveFailures = exposition.family("integration_monitor_poll_consecutive_failures",
                RenderedFamily.Type.GAUGE, "Failed polls in a row; 0 after a successful poll");
        this.permitted = exposition.family("integration_monitor_source_permitted", RenderedFamily.Type.GAUGE,
                "0 while the source's API refuses the monitor's identity (an IAM action not granted) and has not "
                        + "answered since start; 1 otherwise");
        this.lastSuccess = exposition.family("integration_monitor_poll_last_success_timestamp_seconds",
                RenderedFamily.Type.GAUGE, "Unix time of the last successful poll");
        this.resources = exposition.family("integration_monitor_poll_resources", RenderedFamily.Type.GAUGE,
                "Resources in the last successful snapshot");
    }

    /** The target's rows of one family ({@link DataPointBlock#publish}); no rows: the target leaves the family. */
    void publish(RenderedFamily family, PollTarget target, List<DataPointBlock.Row> rows) {
        DataPointBlock.publish(exposition, family, target, rows);
    }
}
