package io.integrationmonitor.config;

import java.util.List;

/**
 * Credentials for the HTTP API besides the web config file's {@code basic_auth_users}.
 *
 * @param bearerTokens  accepted {@code Authorization: Bearer} tokens, for scripts; secrets (use {@code ${ENV}}),
 *                      never printed
 * @param protectReads  when true, {@code /metrics}, the {@code /api/v1} reads and the status page need
 *                      credentials too; writes always do, and {@code /healthz} and {@code /readyz} never do
 */
public record HttpAuthConfig(List<String> bearerTokens, Boolean protectReads) {
    /** Shorter tokens are guessable; 16 characters is the length of a random 96-bit token in base64. */
    public static final int MIN_TOKEN_LENGTH = 16;
    public static final int MAX_TOKEN_LENGTH = 1024;

    public HttpAuthConfig {
        bearerTokens = bearerTokens == null ? List.of() : List.copyOf(bearerTokens);
        protectReads = protectReads != null && protectReads;
        for (int i = 0; i < bearerTokens.size(); i++) {
            String token = bearerTokens.get(i);
            // The message never quotes the token: it is a secret.
            if (token.length() < MIN_TOKEN_LENGTH || token.length() > MAX_TOKEN_LENGTH) {
                throw KeyProblem.at("bearer_tokens[" + i + "]", "must be " + MIN_TOKEN_LENGTH + " to "
                        + MAX_TOKEN_LENGTH + " characters long (it has " + token.length() + ")").exception();
            }
            if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw KeyProblem.at("bearer_tokens[" + i + "]", "must be printable ASCII without spaces").exception();
            }
        }
    }

    public static HttpAuthConfig defaults() {
        return new HttpAuthConfig(null, null);
    }

    /** The tokens are secrets: only their number is shown. */
    @Override
    public String toString() {
        return "HttpAuthConfig[bearerTokens=" + bearerTokens.size() + " token(s), protectReads=" + protectReads + "]";
    }
}
