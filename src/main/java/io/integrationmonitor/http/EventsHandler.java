package io.integrationmonitor.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.integrationmonitor.detect.ResourceEvent;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/events?since=&limit=}: events detected at or after {@code since}, oldest first, at most
 * {@code limit}. {@code since} is an ISO-8601 instant or a look-back duration ({@code 90s}, {@code 15m},
 * {@code 1h}, {@code 7d} or ISO {@code PT1H}).
 */
final class EventsHandler implements HttpHandler {
    static final Duration DEFAULT_LOOKBACK = Duration.ofHours(24);
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 5000;

    private static final Set<String> PARAMETERS = Set.of("since", "limit");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})([smhd])");

    private final BiFunction<Instant, Integer, List<ResourceEvent>> events;
    private final Clock clock;
    private final Responses responses;

    EventsHandler(BiFunction<Instant, Integer, List<ResourceEvent>> events, Clock clock, Responses responses) {
        this.events = events;
        this.clock = clock;
        this.responses = responses;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Instant since;
        int limit;
        try {
            QueryParams params = QueryParams.parse(exchange.getRequestURI(), PARAMETERS);
            since = since(params.single("since"));
            limit = limit(params.single("limit"));
        } catch (BadRequestException e) {
            responses.error(exchange, 400, e.getMessage(), e.parameter());
            return;
        }
        List<EventView> body = events.apply(since, limit).stream().map(EventView::of).toList();
        responses.json(exchange, 200, body);
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
