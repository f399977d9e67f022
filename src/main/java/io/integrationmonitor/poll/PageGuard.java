package io.integrationmonitor.poll;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Keeps one paginated listing honest: numbers its pages, takes each from the poll's {@link PollBudget},
 * fails on a pagination token the server already sent (which would otherwise loop forever), and on a page
 * without its list (which would otherwise read as an empty estate).
 */
final class PageGuard {
    private final String operation;
    private final PollBudget.Spend budget;
    private final Set<String> seenTokens = new HashSet<>();
    private int page;

    PageGuard(String operation, PollBudget.Spend budget) {
        this.operation = operation;
        this.budget = budget;
    }

    /** Starts the next page and returns its 1-based number. */
    int nextPage() throws PollFailedException {
        page++;
        budget.nextPage(where());
        return page;
    }

    /**
     * Takes the next page from an SDK paginator's responses: from the budget first, then over the wire (the
     * paginator's iterator calls AWS in {@code next()}); a failed call fails the poll, classified.
     */
    <R> R nextFrom(Iterator<R> responses) throws PollFailedException {
        nextPage();
        try {
            return responses.next();
        } catch (RuntimeException e) {
            throw PollErrors.failure(where(), e);
        }
    }

    /**
     * Where a page of one SDK listing keeps its members: the list ({@code member}, with its
     * {@code has<Member>()}) and the {@code Marker} of the next page.
     */
    record PageMembers<R, T>(String member, Predicate<R> present, Function<R, List<T>> items,
                             Function<R, String> marker) {
    }

    /** Maps one listed item, never null; {@code where} and {@code path} name it in messages. */
    interface ItemMapper<T> {
        ObservedResource map(T item, String where, String path) throws PollFailedException;
    }

    /**
     * Every item of an SDK paginator's pages, mapped, until a page has no {@code Marker}: each page is
     * taken with {@link #nextFrom}, must carry its list ({@link #list}) without null items and must not repeat a token
     * ({@link #next}).
     */
    <R, T> List<ObservedResource> readAll(Iterator<R> responses, PageMembers<R, T> members, ItemMapper<T> mapper)
            throws PollFailedException {
        List<ObservedResource> resources = new ArrayList<>();
        String marker;
        do {
            R response = nextFrom(responses);
            List<T> items = list(members.present().test(response), members.items().apply(response), members.member());
            for (int i = 0; i < items.size(); i++) {
                String path = members.member() + "[" + i + "]";
                if (items.get(i) == null) {
                    throw new PollFailedException(PollErrorReason.INVALID_RESPONSE, where() + ": " + path + " is null",
                            null);
                }
                resources.add(mapper.map(items.get(i), where(), path));
            }
            marker = next(members.marker().apply(response), "Marker");
        } while (marker != null);
        return resources;
    }

    int page() {
        return page;
    }

    /** Where the current page is, for messages: "Glue DescribeIntegrations page 3". */
    String where() {
        return operation + " page " + page;
    }

    /**
     * The page's list. The SDK turns a missing or null list member into an empty list; only its
     * {@code has...()} tells the two apart. Every member of these responses is optional in the service
     * models, but a 200 without the list says nothing about the estate: taking it as empty would make every
     * resource vanish (and resolve its alerts), so it is an invalid response, on every page.
     *
     * @param present the response's {@code has<Member>()}
     */
    <T> List<T> list(boolean present, List<T> list, String member) throws PollFailedException {
        if (!present) {
            throw new PollFailedException(PollErrorReason.INVALID_RESPONSE, where() + ": " + member
                    + " is missing or null; a 200 without the list is not an empty listing", null);
        }
        return list;
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
