package io.integrationmonitor.poll;

import java.util.HashSet;
import java.util.Set;

/**
 * Keeps one paginated listing honest: numbers its pages, stops at a hard page limit, and fails on a
 * pagination token the server already sent (which would otherwise loop forever).
 */
final class PageGuard {
    /** Far above any real account: only a server bug gets here. */
    static final int DEFAULT_MAX_PAGES = 10_000;

    private final String operation;
    private final int maxPages;
    private final Set<String> seenTokens = new HashSet<>();
    private int page;

    PageGuard(String operation, int maxPages) {
        this.operation = operation;
        this.maxPages = maxPages;
    }

    /** Starts the next page and returns its 1-based number. */
    int nextPage() throws PollFailedException {
        if (page >= maxPages) {
            throw new PollFailedException(PollErrorReason.INVALID_RESPONSE,
                    operation + ": more than " + maxPages + " pages, giving up", null);
        }
        return ++page;
    }

    int page() {
        return page;
    }

    /** Where the current page is, for messages: "Glue DescribeIntegrations page 3". */
    String where() {
        return operation + " page " + page;
    }

    /**
     * The token for the next request, or null when the listing is complete. An empty token counts as
     * absent, as in the SDK's own paginators.
     */
    String next(String token, String tokenName) throws PollFailedException {
        if (token == null || token.isEmpty()) {
            return null;
        }
        if (!seenTokens.add(token)) {
            throw new PollFailedException(PollErrorReason.INVALID_RESPONSE,
                    where() + ": " + tokenName + " repeats an earlier page's, the listing would never end", null);
        }
        return token;
    }
}
