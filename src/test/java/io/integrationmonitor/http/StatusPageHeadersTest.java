package io.integrationmonitor.http;

import io.integrationmonitor.config.HttpConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The status page under a strict Content-Security-Policy that still admits its own inline stylesheet. */
class StatusPageHeadersTest {
    private HttpApiServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void servesTheStatusPageWithAStrictPolicyWhoseHashMatchesItsStylesheet() throws Exception {
        // given
        server = HttpApiServer.builder(new HttpConfig("127.0.0.1", 0))
                .route("/", new StatusPageHandler(List::of, (since, limit) -> List.of(), List::of, "1.0",
                        Clock.systemUTC()))
                .start();

        // when
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(page.statusCode()).isEqualTo(200);
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'none'").contains("frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(page.body());
        assertThat(style.find()).isTrue();
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(style.group(1).getBytes(StandardCharsets.UTF_8)));
        assertThat(csp).contains("style-src 'sha256-" + hash + "'");
        // No inline script: the one script element loads the page's own file.
        assertThat(page.body().split("<script", -1)).hasSize(2);
        assertThat(page.body()).contains("<script src=\"status.js\" integrity=").doesNotContain(" style=");
        assertThat(csp).contains("script-src 'self'").contains("connect-src 'self'");
    }
}
