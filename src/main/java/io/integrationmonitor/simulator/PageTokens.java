package io.integrationmonitor.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque Marker/NextToken values: the last key of the previous page, base64url-encoded. */
final class PageTokens {
    private PageTokens() {
    }

    static String encode(String lastKey) {
        return lastKey == null ? null
                : Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    /** Null for a token the simulator did not issue. */
    static String decode(String token) {
        try {
            String key = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            return key.startsWith("arn:") ? key : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
