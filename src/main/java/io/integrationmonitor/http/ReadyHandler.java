package io.integrationmonitor.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.integrationmonitor.poll.PollTarget;

import java.io.IOException;
import java.util.Collection;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code GET /readyz}: 200 once every target has completed a first poll, else 503 naming those that have not.
 * Notes (an event queue that cannot be read) are listed in either body and never fail readiness: polls still
 * cover every target, only later.
 */
final class ReadyHandler implements HttpHandler {
    private final Supplier<? extends Collection<PollTarget>> pendingTargets;
    private final Supplier<? extends Collection<String>> notes;
    private final Responses responses;

    ReadyHandler(Supplier<? extends Collection<PollTarget>> pendingTargets,
                 Supplier<? extends Collection<String>> notes, Responses responses) {
        this.pendingTargets = pendingTargets;
        this.notes = notes;
        this.responses = responses;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Collection<PollTarget> pending = pendingTargets.get();
        String noted = notes.get().stream().map(n -> "note: " + n + "\n").collect(Collectors.joining());
        if (pending.isEmpty()) {
            responses.text(exchange, 200, "ready\n" + noted);
        } else {
            responses.text(exchange, 503, "not ready: " + pending.size()
                    + " target(s) have not completed a first poll:\n"
                    + pending.stream().map(t -> "  " + t.key() + "\n").collect(Collectors.joining()) + noted);
        }
    }
}
