package io.integrationmonitor.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.state.EventQuery;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/events?since=&after=&limit=&type=&kind=&arn=&account_id=&region=}: events detected at or after
 * {@code since}, in the order they were stored, at most {@code limit}. {@code since} is an ISO-8601 instant or a
 * look-back duration ({@code 90s}, {@code 15m}, {@code 1h}, {@code 7d} or ISO {@code PT1H}); {@code after} is the
 * {@code seq} of the last event a reader has (the next page: events sharing a millisecond are neither repeated nor
 * skipped). With {@code after} and no {@code since}, the whole kept history is paged. The filters are those of
 * {@code /api/v1/resources}, plus {@code type} (an event matches when any of its {@code types} is asked for).
 */
final class EventsHandler implements HttpHandler {
    static final Duration DEFAULT_LOOKBACK = Duration.ofHours(24);
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 5000;

    private static final Set<String> PARAMETERS =
            Set.of("since", "after", "limit", "type", "kind", "arn", "account_id", "region");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})([smhd])");

    private final Function<EventQuery, List<EventQuery.Stored>> events;
    private final Clock clock;
    private final Responses responses;

    EventsHandler(Function<EventQuery, List<EventQuery.Stored>> events, Clock clock, Responses responses) {
        this.events = events;
        this.clock = clock;
        this.responses = responses;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        EventQuery query;
        try {
            query = query(QueryParams.parse(exchange.getRequestURI(), PARAMETERS));
        } catch (BadRequestException e) {
            responses.error(exchange, 400, e.getMessage(), e.parameter());
            return;
        }
        List<EventView> body = events.apply(query).stream().map(s -> EventView.of(s.seq(), s.event())).toList();
        responses.json(exchange, 200, body);
    }

    private EventQuery query(QueryParams params) throws BadRequestException {
        long after = after(params.single("after"));
        Optional<String> sinceValue = params.single("since");
        Instant since = sinceValue.isEmpty() && after > 0 ? Instant.EPOCH : since(sinceValue);
        int limit = limit(params.single("limit"));
        Set<String> kinds = Filters.kinds(params).stream().map(ResourceKind::label).collect(Collectors.toSet());
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (String label : params.list("type")) {
            types.add(Arrays.stream(EventType.values()).filter(t -> t.label().equalsIgnoreCase(label)).findFirst()
                    .orElseThrow(() -> new BadRequestException("type", "unknown type '" + label + "'; expected one of "
                            + Arrays.stream(EventType.values()).map(EventType::label).toList())));
        }
        Set<String> accounts = Filters.accountIds(params);
        Set<String> regions = Filters.regions(params);
        Predicate<ResourceEvent> filter = e -> (types.isEmpty() || e.types().stream().anyMatch(types::contains))
                && (accounts.isEmpty() || accounts.contains(EventView.accountId(e)))
                && (regions.isEmpty() || regions.contains(EventView.region(e)));
        return new EventQuery(since, after, kinds, Filters.arns(params), filter, limit);
    }

    private static long after(Optional<String> value) throws BadRequestException {
        if (value.isEmpty()) {
            return 0;
        }
        try {
            long after = Long.parseLong(value.get());
            if (after >= 0) {
                return after;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadRequestException("after", "invalid after '" + value.get()
                + "'; expected the seq of the last event received (an integer, 0 or more)");
    }

    private Instant since(Optional<String> value) throws BadRequestException {
        Instant now = clock.instant();
        if (value.isEmpty()) {
            return now.minus(DEFAULT_LOOKBACK);
        }
        String s = value.get();
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException notAnInstant) {
            Duration lookBack = lookBack(s);
            // a look-back reaching before 1970 means "everything"
            return lookBack.compareTo(Duration.between(Instant.EPOCH, now)) > 0 ? Instant.EPOCH : now.minus(lookBack);
        }
    }

    private static Duration lookBack(String s) throws BadRequestException {
        Duration duration;
        Matcher m = SHORT_DURATION.matcher(s.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            duration = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                duration = Duration.parse(s);
            } catch (DateTimeParseException e) {
                throw new BadRequestException("since", "invalid since '" + s
                        + "'; expected an ISO-8601 instant (2024-05-01T12:00:00Z) or a duration (90s, 15m, 1h, 7d, PT1H)");
            }
        }
        if (duration.isNegative()) {
            throw new BadRequestException("since", "since must not be a negative duration, got '" + s + "'");
        }
        return duration;
    }

    private static int limit(Optional<String> value) throws BadRequestException {
        if (value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.get());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the accepted range
        }
        throw new BadRequestException("limit", "invalid limit '" + value.get() + "'; expected an integer from 1 to "
                + MAX_LIMIT);
    }
}
