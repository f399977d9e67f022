package io.integrationmonitor.config;

import java.nio.file.Path;

/**
 * The HTTP server for {@code /metrics}, health, the JSON API and the status page. Port 0 picks a free port.
 *
 * @param webConfigFile the Prometheus exporter-toolkit web configuration (TLS, basic auth users, extra
 *                      response headers), the file node_exporter's {@code --web.config.file} takes; see
 *                      {@link WebConfig}
 * @param auth          bearer tokens and whether reads need credentials too
 */
public record HttpConfig(String bindAddress, Integer port, Path webConfigFile, HttpAuthConfig auth) {
    public HttpConfig {
        bindAddress = bindAddress == null ? "0.0.0.0" : bindAddress;
        port = port == null ? 9108 : port;
        auth = auth == null ? HttpAuthConfig.defaults() : auth;
        Validation.range(port, 0, 65535, "port");
        Validation.notBlank(bindAddress, "bind_address");
    }

    /** No web config file, no tokens: reads open, writes refused. */
    public HttpConfig(String bindAddress, Integer port) {
        this(bindAddress, port, null, null);
    }

    public static HttpConfig defaults() {
        return new HttpConfig(null, null);
    }
}
