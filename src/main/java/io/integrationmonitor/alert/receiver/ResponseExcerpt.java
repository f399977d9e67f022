package io.integrationmonitor.alert.receiver;

import io.integrationmonitor.text.InertText;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The start of a receiver's answer, fit to show a person: at most {@link #MAX_CHARS} characters read from at
 * most {@link #MAX_BYTES} bytes (a hostile or broken endpoint cannot make us buffer more), inert, on one line,
 * and without the secret parts of the URL it was sent to (a proxy's "not found: /services/T0/B0/xyz" would
 * otherwise print a Slack webhook's token).
 */
final class ResponseExcerpt {
    static final int MAX_CHARS = 512;
    static final int MAX_BYTES = 4 * MAX_CHARS;
    private static final String REDACTED = "[redacted]";

    private ResponseExcerpt() {
    }

    /** Reads the head of the body and closes it; an unreadable body is an empty excerpt. */
    static String read(InputStream body, URI sentTo) {
        byte[] head;
        try (body) {
            head = body.readNBytes(MAX_BYTES);
        } catch (IOException e) {
            return "";
        }
        return of(new String(head, StandardCharsets.UTF_8), sentTo);
    }

    static String of(String text, URI sentTo) {
        String s = text.strip().replaceAll("\\s*\\R\\s*", " ");
        for (String secret : secrets(sentTo)) {
            s = s.replace(secret, REDACTED);
        }
        if (s.length() > MAX_CHARS) {
            s = s.substring(0, MAX_CHARS) + "…";
        }
        return InertText.escape(s);
    }

    /** Path, query and user info, raw and decoded, longest first so that a part of one hides none of another. */
    private static List<String> secrets(URI uri) {
        List<String> secrets = new ArrayList<>();
        for (String part : new String[] {uri.getRawPath(), uri.getRawQuery(), uri.getRawUserInfo()}) {
            if (part != null && part.length() > 1) {
                secrets.add(part);
                secrets.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        secrets.sort((a, b) -> b.length() - a.length());
        return secrets;
    }
}
