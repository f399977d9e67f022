package io.integrationmonitor.config;

/** The HTTP server for {@code /metrics}, health, the JSON API and the status page. Port 0 picks a free port. */
public record HttpConfig(String bindAddress, Integer port) {
    public HttpConfig {
        bindAddress = bindAddress == null ? "0.0.0.0" : bindAddress;
        port = port == null ? 9108 : port;
        Validation.range(port, 0, 65535, "port");
        Validation.notBlank(bindAddress, "bind_address");
    }

    public static HttpConfig defaults() {
        return new HttpConfig(null, null);
    }
}
