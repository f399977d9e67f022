package io.integrationmonitor.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Map;

record SimResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
    static SimResponse of(int status, String contentType, String body) {
        return new SimResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static SimResponse of(int status, String contentType, String body, Map<String, String> headers) {
        return new SimResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
    }
}
