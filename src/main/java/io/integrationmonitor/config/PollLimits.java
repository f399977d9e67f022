package io.integrationmonitor.config;

import java.time.Duration;

/**
 * The defaults and bounds of a source's poll budget ({@code max_pages}, {@code max_poll_duration}), one
 * definition for every source. The defaults sit far above any real estate: 2,000 pages are 200,000 Glue
 * integrations at the default page size, and a poll taking five intervals is long overdue. Only an endpoint
 * that never stops paging, or pages that trickle in, reaches them.
 */
final class PollLimits {
    static final int DEFAULT_MAX_PAGES = 2_000;
    static final int MAX_PAGES_LIMIT = 1_000_000;
    static final int DEFAULT_INTERVALS_PER_POLL = 5;

    private PollLimits() {
    }

    static int maxPages(Integer configured) {
        int maxPages = configured == null ? DEFAULT_MAX_PAGES : configured;
        Validation.range(maxPages, 1, MAX_PAGES_LIMIT, "max_pages");
        return maxPages;
    }

    static Duration maxPollDuration(Duration configured, Duration interval) {
        Duration maxPollDuration = configured == null ? interval.multipliedBy(DEFAULT_INTERVALS_PER_POLL) : configured;
        Validation.atLeast(maxPollDuration, Duration.ofSeconds(1), "max_poll_duration");
        return maxPollDuration;
    }
}
