package io.integrationmonitor.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimedGetTest {
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void countsTheBodyOfAChunkedAndOfAFixedLengthResponse() throws IOException {
        // given a server that streams 3 MB in chunks and one that sends 1,000 bytes with a length
        start(3 * 1024 * 1024 + 17);

        // when / then the chunk framing is not counted
        assertThat(TimedGet.get(port(), "/chunked", false, 5_000)).isEqualTo(new TimedGet.Response(200, 3 * 1024 * 1024 + 17));
        assertThat(TimedGet.get(port(), "/fixed", true, 5_000)).isEqualTo(new TimedGet.Response(200, 1_000));
    }

    @Test
    void aBodyCutShortIsAnError() throws IOException {
        // given a server that promises more than it sends
        start(10);
        server.createContext("/short", exchange -> {
            exchange.sendResponseHeaders(200, 100);
            exchange.getResponseBody().write(new byte[10]);
            exchange.getResponseBody().flush();
            exchange.getHttpContext().getServer().stop(0);
        });

        // when / then
        assertThatThrownBy(() -> TimedGet.get(port(), "/short", false, 5_000)).isInstanceOf(IOException.class);
    }

    private void start(int chunkedBytes) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] block = new byte[64 * 1024 + 3];
                int left = chunkedBytes;
                while (left > 0) {
                    int n = Math.min(block.length, left);
                    out.write(block, 0, n);
                    out.flush();
                    left -= n;
                }
            }
        });
        server.createContext("/fixed", exchange -> {
            exchange.sendResponseHeaders(200, 1_000);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[1_000]);
            }
        });
        server.start();
    }

    private int port() {
        return server.getAddress().getPort();
    }
}
