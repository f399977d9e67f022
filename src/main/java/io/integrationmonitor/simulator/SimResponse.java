package io.integrationmonitor.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** @param streamed when set, writes the body instead of {@code body} (sent chunked, without a length) */
record SimResponse(int status, String contentType, byte[] body, Map<String, String> headers, BodyWriter streamed) {
    @FunctionalInterface
    interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    static SimResponse of(int status, String contentType, String body) {
        return of(status, contentType, body, Map.of());
    }

    static SimResponse of(int status, String contentType, String body, Map<String, String> headers) {
        return new SimResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), headers, null);
    }

    static SimResponse streamed(int status, String contentType, BodyWriter writer) {
        return new SimResponse(status, contentType, new byte[0], Map.of(), writer);
    }
}
