package io.integrationmonitor.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.poll.ResourceLinks;
import io.integrationmonitor.state.EventQuery;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code GET /resource?arn=}: the HTML page of one resource ({@link ResourcePage}); 404 (a page saying so) for an
 * ARN the monitor does not know, 400 without {@code arn}.
 */
public final class ResourcePageHandler implements HttpHandler {
    /** The route, where alerts link. */
    public static final String PATH = ResourceLinks.PAGE_PATH;
    /** History shown: the resource's first this many kept events (a resource rarely has more). */
    static final int HISTORY_LIMIT = 500;

    private final Supplier<List<KnownResource>> resources;
    private final Function<EventQuery, List<EventQuery.Stored>> events;
    private final Clock clock;
    private final Responses responses = new Responses();

    public ResourcePageHandler(Supplier<List<KnownResource>> resources,
                               Function<EventQuery, List<EventQuery.Stored>> events, Clock clock) {
        this.resources = resources;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET");
            responses.error(exchange, 405, "method " + exchange.getRequestMethod() + " not allowed; use GET", null);
            return;
        }
        Optional<String> arn;
        try {
            arn = QueryParams.parse(exchange.getRequestURI(), Set.of("arn")).single("arn");
            if (arn.isEmpty()) {
                throw new BadRequestException("arn", "parameter 'arn' is required");
            }
        } catch (BadRequestException e) {
            responses.error(exchange, 400, e.getMessage(), e.parameter());
            return;
        }
        // every listing's view of the ARN, the owner's shown (Listings)
        Optional<StatusPageModel.ResourceRow> known = StatusPageHandler.rows(resources.get().stream()
                .filter(k -> k.resource().arn().equals(arn.get())).toList()).stream().findFirst();
        if (known.isEmpty()) {
            StatusPageHandler.sendHtml(exchange, 404, ResourcePage.renderUnknown(arn.get(), clock.instant()));
            return;
        }
        List<EventQuery.Stored> history = events.apply(EventQuery.ofArn(arn.get(), HISTORY_LIMIT));
        List<StatusPageModel.EventRow> newestFirst = new ArrayList<>();
        for (int i = history.size() - 1; i >= 0; i--) {
            ResourceEvent e = history.get(i).event();
            newestFirst.add(new StatusPageModel.EventRow(e.at(), e.type().label(), e.kind().label(), e.name(),
                    e.message()));
        }
        StatusPageHandler.sendHtml(exchange, 200,
                ResourcePage.render(known.get(), newestFirst, clock.instant()));
    }
}
