package io.integrationmonitor.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one list of configuration keys whose values are secrets by nature. No message, summary or log line
 * shows such a value, whether it was written inline or came from {@code ${ENV}}: problems on these keys name
 * the key and the problem only, ending in {@link #HIDDEN}. A pattern covers the key and everything below it;
 * {@code [*]} stands for any list index. Adding a secret key means adding its pattern here, nothing else.
 *
 * <p>Besides these keys, the user-info and query string of any URL anywhere in the file are secrets too
 * ({@link #credentialsOf(String)}): they may carry a password or token.
 */
public final class SecretKeys {
    /** Ends every problem about a secret key, in place of the value. */
    public static final String HIDDEN = "(value hidden: secret)";

    private static final List<String> PATTERNS = List.of(
            "alerting.receivers[*].slack.webhook_url",
            "alerting.receivers[*].webhook.url",
            "alerting.receivers[*].webhook.hmac_secret",
            "alerting.receivers[*].webhook.headers",
            "alerting.receivers[*].alertmanager.urls",
            "cluster.jdbc_url",
            "cluster.password",
            "targets[*].external_id",
            "http.auth.bearer_tokens");

    private static final Pattern SECRET = Pattern.compile(PATTERNS.stream()
            .map(SecretKeys::toRegex)
            .collect(Collectors.joining("|", "(?:", ")(?:[.\\[].*)?")));

    private static final Pattern SCHEME = Pattern.compile("\\s*(?:jdbc:)?[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Pattern USER_INFO = Pattern.compile("^\\s*(?:jdbc:)?[A-Za-z][A-Za-z0-9+.-]*://([^/?#@]+)@");
    private static final Pattern QUERY = Pattern.compile("\\?([^#]+)");

    private SecretKeys() {
    }

    /** True when the value at this key path ({@code targets[1].external_id}) is a secret. */
    public static boolean isSecret(String path) {
        return SECRET.matcher(path).matches();
    }

    /**
     * The parts of a URL that are secret wherever the URL appears: its user-info and its query string
     * (a JDBC URL's {@code ?password=}). Empty when the text is not a URL or has neither.
     */
    static List<String> credentialsOf(String text) {
        // By pattern, not java.net.URI: a URL that fails to parse is exactly the one a message may quote.
        List<String> parts = new ArrayList<>();
        if (!SCHEME.matcher(text).lookingAt()) {
            return parts;
        }
        Matcher userInfo = USER_INFO.matcher(text);
        if (userInfo.find()) {
            parts.add(userInfo.group(1));
        }
        Matcher query = QUERY.matcher(text);
        if (query.find()) {
            parts.add(query.group(1));
        }
        return parts;
    }

    /** A URL fit for a message: scheme, host, port and path; user-info, query and fragment are left out. */
    static String withoutCredentials(URI uri) {
        if (uri.isOpaque()) {
            return uri.getScheme() + ":...";
        }
        String authority = uri.getHost() == null ? "" : uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        return (uri.getScheme() == null ? "" : uri.getScheme() + "://") + authority
                + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?...");
    }

    private static String toRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String piece : pattern.split("(?=\\[\\*])|(?<=\\[\\*])")) {
            regex.append(piece.equals("[*]") ? "\\[\\d+]" : Pattern.quote(piece));
        }
        return regex.toString();
    }
}
