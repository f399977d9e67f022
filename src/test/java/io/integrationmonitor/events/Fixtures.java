package io.integrationmonitor.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The event fixtures under src/test/resources/events/ (their sources are in that folder's README.md). */
final class Fixtures {
    private Fixtures() {
    }

    static String read(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EventEnvelope envelope(String name) {
        ParseResult result = new EventParser().parse(read(name));
        if (!(result instanceof ParseResult.Parsed parsed)) {
            throw new AssertionError(name + " did not parse: " + result);
        }
        return parsed.envelope();
    }
}
