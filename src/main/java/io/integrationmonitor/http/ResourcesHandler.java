package io.integrationmonitor.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.Listings;
import io.integrationmonitor.detect.ResourceHealth;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/resources?kind=&status=&account_id=&region=&arn=}: the current state of every resource,
 * one per integration however many listings report it (the owner's view, {@link Listings}; filters match it),
 * those that need attention ({@link ResourceHealth}: unhealthy or stuck) first, then by kind, account, region,
 * name and ARN. Each filter takes
 * one value, a comma-separated list or a repeated parameter; filters combine with AND. While the store cannot
 * be read: 503, with the resources as last read (if any) and when.
 */
final class ResourcesHandler implements HttpHandler {
    private static final Set<String> PARAMETERS = Set.of("kind", "status", "account_id", "region", "arn");
    /** Response header of a 503 that carries the last known resources: when they were read. */
    static final String STALE_SINCE = "X-Stale-Since";

    private static final Comparator<Listings.Listed> ORDER =
            Comparator.<Listings.Listed>comparingInt(l -> ResourceHealth.of(l.owner()).needsAttention() ? 0 : 1)
                    .thenComparing(l -> l.owner().resource(), Comparator.comparing(ObservedResource::kind)
                    .thenComparing(ObservedResource::accountId)
                    .thenComparing(ObservedResource::region)
                    .thenComparing(ObservedResource::name)
                    .thenComparing(ObservedResource::arn));

    private final LastKnown<List<KnownResource>> resources;
    private final Responses responses;

    ResourcesHandler(Supplier<List<KnownResource>> resources, Clock clock, Responses responses) {
        this.resources = new LastKnown<>(resources, clock);
        this.responses = responses;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Predicate<ObservedResource> filter;
        try {
            filter = filter(QueryParams.parse(exchange.getRequestURI(), PARAMETERS));
        } catch (BadRequestException e) {
            responses.error(exchange, 400, e.getMessage(), e.parameter());
            return;
        }
        LastKnown.Read<List<KnownResource>> read;
        try {
            read = resources.get();
        } catch (LastKnown.Unavailable e) {
            LastKnown.Read<List<KnownResource>> last = e.lastKnown();
            exchange.getResponseHeaders().set("Retry-After", "5");
            if (last == null) {
                responses.error(exchange, 503, "the state database is unreachable (since " + e.since() + ")", null);
                return;
            }
            exchange.getResponseHeaders().set(STALE_SINCE, last.readAt().toString());
            responses.json(exchange, 503, new Stale("the state database is unreachable; these are the resources as"
                    + " last read", e.since(), last.readAt(), views(last.value(), filter)));
            return;
        }
        responses.json(exchange, 200, views(read.value(), filter));
    }

    private static List<ResourceView> views(List<KnownResource> resources, Predicate<ObservedResource> filter) {
        return Listings.group(resources).stream()
                .filter(l -> filter.test(l.owner().resource()))
                .sorted(ORDER)
                .map(ResourceView::of)
                .toList();
    }

    /** The 503 body while the database is unreachable: the error, and the resources as last read. */
    record Stale(String error, Instant unreachableSince, Instant staleSince, List<ResourceView> resources) {
    }

    private static Predicate<ObservedResource> filter(QueryParams params) throws BadRequestException {
        Set<ResourceKind> kinds = Filters.kinds(params);
        Set<ResourceStatus> knownStatuses = Arrays.stream(ResourceKind.values())
                .flatMap(k -> k.statuses().stream())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<ResourceStatus> statuses = EnumSet.noneOf(ResourceStatus.class);
        for (String label : params.list("status")) {
            String upper = label.toUpperCase(Locale.ROOT);
            ResourceStatus status = ResourceStatus.ofLabel(upper);
            if (!ResourceStatus.isLabel(upper) || !knownStatuses.contains(status)) {
                throw new BadRequestException("status", "unknown status '" + label + "'; expected one of "
                        + knownStatuses.stream().map(ResourceStatus::label).toList());
            }
            statuses.add(status);
        }
        Set<String> accounts = Filters.accountIds(params);
        Set<String> regions = Filters.regions(params);
        Set<String> arns = Filters.arns(params);

        return r -> (arns.isEmpty() || arns.contains(r.arn()))
                && (kinds.isEmpty() || kinds.contains(r.kind()))
                && (statuses.isEmpty() || statuses.contains(r.status()))
                && (accounts.isEmpty() || accounts.contains(r.accountId()))
                && (regions.isEmpty() || regions.contains(r.region()));
    }
}
