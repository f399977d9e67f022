package io.integrationmonitor.http;

import io.integrationmonitor.config.HttpConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Clients that open connections and send nothing, or almost nothing, cannot take the server down. */
class SlowClientTest {
    private final List<Socket> sockets = new ArrayList<>();
    private HttpApiServer server;

    @AfterEach
    void closeAll() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void probesAndScrapesAreServedWhileSixteenConnectionsEachHoldOneByte() throws Exception {
        // given
        server = HttpApiServer.builder(new HttpConfig("127.0.0.1", 0))
                .metrics((openMetrics, names) -> (body, gzip) -> body.write("up 1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .start();
        for (int i = 0; i < 16; i++) {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
            socket.getOutputStream().write('G');
            socket.getOutputStream().flush();
            sockets.add(socket);
        }

        // when
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> healthz = client.send(request("/healthz"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> metrics = client.send(request("/metrics"), HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(healthz.statusCode()).isEqualTo(200);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(sockets).allMatch(s -> !s.isClosed());
    }

    @Test
    void aRequestTricklingInSlowerThanTheReadDeadlineIsCutOffThoughEveryByteResetsTheIdleTimeout() throws Exception {
        // given: an idle timeout far above the deadline, so only the deadline can close the connection
        server = HttpApiServer.builder(new HttpConfig("127.0.0.1", 0))
                .limits(new ServerLimits(64, Duration.ofMinutes(5), Duration.ofMillis(800), 8192, 16))
                .start();
        Socket slow = new Socket(InetAddress.getLoopbackAddress(), server.port());
        sockets.add(slow);
        Socket idle = new Socket(InetAddress.getLoopbackAddress(), server.port());
        sockets.add(idle);
        slow.setSoTimeout(50);
        // a valid start of a request that never ends: ~10 s of bytes at the pace below
        byte[] request = ("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: " + "a".repeat(200))
                .getBytes(StandardCharsets.US_ASCII);

        // when: one byte at a time, a byte every 50 ms at most
        int sent = 0;
        boolean closedByServer = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!closedByServer && sent < request.length && System.nanoTime() < deadline) {
            try {
                slow.getOutputStream().write(request[sent++]);
                closedByServer = readsEndOfStream(slow.getInputStream());
            } catch (IOException e) {
                closedByServer = true; // reset by the server
            }
        }

        // then: closed mid-header, and the idle connection (no request begun) is kept
        assertThat(closedByServer).isTrue();
        assertThat(sent).isLessThan(request.length);
        assertThat(idle.isClosed()).isFalse();
        idle.setSoTimeout(50);
        assertThat(readsEndOfStream(idle.getInputStream())).isFalse();
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() throws Exception {
        // given
        server = HttpApiServer.builder(new HttpConfig("127.0.0.1", 0))
                .limits(new ServerLimits(64, Duration.ofMillis(500), Duration.ofMinutes(1), 8192, 16))
                .start();
        Socket silent = new Socket(InetAddress.getLoopbackAddress(), server.port());
        sockets.add(silent);
        silent.setSoTimeout(50);

        // when / then
        await().atMost(Duration.ofSeconds(10)).until(() -> readsEndOfStream(silent.getInputStream()));
    }

    /** True at end of stream; false when nothing arrived within the socket's timeout. */
    private static boolean readsEndOfStream(InputStream in) throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).build();
    }
}
