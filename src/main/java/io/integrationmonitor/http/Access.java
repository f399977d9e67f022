package io.integrationmonitor.http;

import java.net.URI;
import java.util.Locale;

/** The decisions of the access guard, as pure functions of the request. */
final class Access {
    /** What a request does, for who may do it. */
    enum Kind {
        /** {@code /healthz} and {@code /readyz}: always open, the kubelet has no credentials. */
        PROBE,
        /** GET and HEAD: open unless {@code http.auth.protect_reads}. */
        READ,
        /** Every other method: never open. */
        WRITE
    }

    private Access() {
    }

    static Kind kind(String method, String path) {
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (read && (path.equals("/healthz") || path.equals("/readyz"))) {
            return Kind.PROBE;
        }
        return read ? Kind.READ : Kind.WRITE;
    }

    /** Whether the method carries a body whose type the guard checks (a DELETE carries none). */
    static boolean hasBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    /**
     * A browser names the page a request comes from in {@code Origin}; a request from any page but the
     * monitor's own ({@code alerting.external_url}) is cross-site. An absent header passes: scripts,
     * Prometheus and same-origin navigations send none. {@code Origin: null} (sandboxed pages) never matches.
     */
    static boolean originAllowed(String origin, URI externalUrl) {
        if (origin == null) {
            return true;
        }
        if (externalUrl == null) {
            return false;
        }
        try {
            URI uri = new URI(origin.strip());
            return uri.getScheme() != null && uri.getHost() != null
                    && uri.getScheme().equalsIgnoreCase(externalUrl.getScheme())
                    && uri.getHost().equalsIgnoreCase(externalUrl.getHost())
                    && port(uri) == port(externalUrl)
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    /** {@code application/json}, with or without parameters such as {@code charset}. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return mediaType.toLowerCase(Locale.ROOT).equals("application/json");
    }
}
