package io.integrationmonitor.alert.receiver;

import io.integrationmonitor.text.InertText;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

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

    /**
     * Collects the head of the body inside {@code send}, so the request's timeout still bounds the whole
     * exchange, then cancels the rest; a body that breaks off is excerpted as far as it came.
     */
    static HttpResponse.BodyHandler<String> handler(URI sentTo) {
        return info -> new Head(sentTo);
    }

    static String of(byte[] head, URI sentTo) {
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

    /** Keeps the first {@link #MAX_BYTES} bytes, then cancels the subscription (the connection is dropped). */
    private static final class Head implements HttpResponse.BodySubscriber<String> {
        private final URI sentTo;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<String> excerpt = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Head(URI sentTo) {
            this.sentTo = sentTo;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int n = Math.min(buffer.remaining(), MAX_BYTES - bytes.size());
                byte[] chunk = new byte[n];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
            if (bytes.size() >= MAX_BYTES) {
                subscription.cancel();
                finish();
            }
        }

        @Override
        public void onError(Throwable e) {
            finish();
        }

        @Override
        public void onComplete() {
            finish();
        }

        private void finish() {
            if (!excerpt.isDone()) {
                excerpt.complete(of(bytes.toByteArray(), sentTo));
            }
        }

        @Override
        public CompletionStage<String> getBody() {
            return excerpt;
        }
    }
}
