package io.integrationmonitor.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Headers on every response, including Jetty's own error answers (a malformed request, headers too large):
 * {@code X-Content-Type-Options: nosniff}, so no browser ever renders a JSON or text answer as HTML, and the
 * web config file's {@code http_server_config.headers}.
 */
final class ResponseHeaders {
    private final Map<String, String> headers;

    ResponseHeaders(Map<String, String> configured) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("X-Content-Type-Options", "nosniff");
        all.putAll(configured);
        this.headers = Map.copyOf(all);
    }

    void addTo(HttpFields.Mutable fields) {
        headers.forEach(fields::put);
    }

    /** Wraps the handler tree. */
    Handler.Wrapper handler(Handler next) {
        return new Handler.Wrapper(next) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                addTo(response.getHeaders());
                return super.handle(request, response, callback);
            }
        };
    }

    /** Jetty's error answers, with these headers and without a server-generated HTML page quoting the cause. */
    ErrorHandler errorHandler() {
        ErrorHandler handler = new ErrorHandler() {
            @Override
            protected void generateResponse(Request request, Response response, int code, String message,
                                            Throwable cause, Callback callback) throws IOException {
                addTo(response.getHeaders());
                super.generateResponse(request, response, code, message, null, callback);
            }
        };
        handler.setShowStacks(false);
        handler.setShowMessageInTitle(false);
        return handler;
    }
}
