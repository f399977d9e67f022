package io.integrationmonitor.poll;

import io.integrationmonitor.config.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How much one poll may read: pages (all listings of the poll together) and wall-clock time. An endpoint
 * that hands out fresh pagination tokens forever, or pages that trickle in, fails the poll at the budget
 * instead of holding a scheduler thread for as long as it likes. Checked before each page is requested,
 * so a poll overruns its time budget by at most one call ({@code aws.api_call_timeout}).
 *
 * @param configKey where the limits are configured, for messages: {@code sources.glue_integrations}
 */
public record PollBudget(int maxPages, Duration maxDuration, String configKey) {
    public PollBudget {
        Objects.requireNonNull(maxDuration, "maxDuration");
        Objects.requireNonNull(configKey, "configKey");
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be at least 1, got " + maxPages);
        }
        if (maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("maxDuration must be positive, got " + maxDuration);
        }
    }

    /**
     * Why a poll that has read {@code pagesRead} pages in {@code elapsed} may not request another, or null
     * while it may.
     */
    String refusal(int pagesRead, Duration elapsed) {
        if (pagesRead >= maxPages) {
            return "poll budget exceeded: " + pagesRead + " pages read and the listing goes on; " + configKey
                    + ".max_pages is " + maxPages;
        }
        if (elapsed.compareTo(maxDuration) >= 0) {
            return "poll budget exceeded: still paging after " + Durations.format(elapsed) + " (" + pagesRead
                    + " pages); " + configKey + ".max_poll_duration is " + Durations.format(maxDuration);
        }
        return null;
    }

    /** Starts spending the budget for one poll, now. */
    Spend start(Clock clock) {
        return new Spend(this, clock, clock.instant());
    }

    /** One poll's use of its budget. A poll pages on one thread; not thread-safe. */
    static final class Spend {
        private final PollBudget budget;
        private final Clock clock;
        private final Instant start;
        private int pages;

        private Spend(PollBudget budget, Clock clock, Instant start) {
            this.budget = budget;
            this.clock = clock;
            this.start = start;
        }

        /**
         * Takes one page from the budget, or fails the poll.
         *
         * @param where the page about to be requested: "Glue DescribeIntegrations page 3"
         */
        void nextPage(String where) throws PollFailedException {
            String refusal = budget.refusal(pages, Duration.between(start, clock.instant()));
            if (refusal != null) {
                throw new PollFailedException(PollErrorReason.POLL_BUDGET_EXCEEDED, where + ": " + refusal, null);
            }
            pages++;
        }

        /** Pages taken so far, every listing of the poll included. */
        int pages() {
            return pages;
        }
    }
}
