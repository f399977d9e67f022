package io.integrationmonitor.http;

import io.integrationmonitor.config.HttpConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** TLS and mutual TLS from the web config file, with certificates made in the test. */
class TlsTest {
    @TempDir
    Path dir;

    private TestCertificates.Issued ca;
    private HttpApiServer server;

    @BeforeEach
    void certificates() throws Exception {
        ca = TestCertificates.ca("test-ca");
        TestCertificates.Issued serverCert = TestCertificates.server(ca, "first");
        TestCertificates.writeCertificate(serverCert, dir.resolve("server.crt"));
        TestCertificates.writeKey(serverCert, dir.resolve("server.key"));
        TestCertificates.writeCertificate(ca, dir.resolve("ca.crt"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void servesHttpsWithAPkcs1KeyAndRefusesPlainHttp() throws Exception {
        // given: relative file names, resolved against the web config file's directory
        start("""
                tls_server_config:
                  cert_file: server.crt
                  key_file: server.key
                  min_version: TLS12
                """);

        // when
        HttpResponse<String> response = client(TestCertificates.clientContext(ca, null)).send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(Files.readString(dir.resolve("server.key"))).contains("BEGIN RSA PRIVATE KEY");
        assertThat(server.tls()).isTrue();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok\n");
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void mutualTlsRefusesAClientWithoutACertificateAtTheHandshakeAndAdmitsOneSignedByTheCa() throws Exception {
        // given
        start("""
                tls_server_config:
                  cert_file: server.crt
                  key_file: server.key
                  client_auth_type: RequireAndVerifyClientCert
                  client_ca_file: ca.crt
                """);
        URI healthz = URI.create("https://127.0.0.1:" + server.port() + "/healthz");
        TestCertificates.Issued signed = TestCertificates.client(ca, "prometheus");
        TestCertificates.Issued otherCa = TestCertificates.ca("other-ca");
        TestCertificates.Issued foreign = TestCertificates.client(otherCa, "intruder");

        // when / then
        assertThatThrownBy(() -> client(TestCertificates.clientContext(ca, null))
                .send(HttpRequest.newBuilder(healthz).build(), HttpResponse.BodyHandlers.ofString()))
                .as("no client certificate").isInstanceOf(IOException.class);
        assertThatThrownBy(() -> client(TestCertificates.clientContext(ca, foreign))
                .send(HttpRequest.newBuilder(healthz).build(), HttpResponse.BodyHandlers.ofString()))
                .as("a certificate from another CA").isInstanceOf(IOException.class);
        HttpResponse<String> admitted = client(TestCertificates.clientContext(ca, signed))
                .send(HttpRequest.newBuilder(healthz).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(admitted.statusCode()).isEqualTo(200);
    }

    @Test
    void requireAnyClientCertAdmitsAnyCertificateButNoneIsRefused() throws Exception {
        // given
        start("""
                tls_server_config:
                  cert_file: server.crt
                  key_file: server.key
                  client_auth_type: RequireAnyClientCert
                """);
        URI healthz = URI.create("https://127.0.0.1:" + server.port() + "/healthz");
        TestCertificates.Issued otherCa = TestCertificates.ca("other-ca");
        TestCertificates.Issued unverified = TestCertificates.client(otherCa, "anyone");

        // when / then
        assertThatThrownBy(() -> client(TestCertificates.clientContext(ca, null))
                .send(HttpRequest.newBuilder(healthz).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        assertThat(client(TestCertificates.clientContext(ca, unverified))
                .send(HttpRequest.newBuilder(healthz).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsAConfigErrorNamingTheKey() throws Exception {
        // given
        TestCertificates.writeKey(TestCertificates.server(ca, "other"), dir.resolve("other.key"));
        Files.writeString(dir.resolve("garbage.crt"), "not a certificate\n");

        // when / then
        assertStartFails("tls_server_config:\n  cert_file: server.crt\n  key_file: other.key\n",
                "tls_server_config.key_file");
        assertStartFails("tls_server_config:\n  cert_file: garbage.crt\n  key_file: server.key\n",
                "tls_server_config.cert_file");
    }

    private void assertStartFails(String webConfig, String key) {
        assertThatThrownBy(() -> start(webConfig))
                .isInstanceOf(io.integrationmonitor.config.ConfigException.class)
                .satisfies(e -> assertThat(((io.integrationmonitor.config.ConfigException) e).problems())
                        .anyMatch(p -> p.path().equals(key)));
    }

    @Test
    void aRenewedCertificateIsServedWithoutARestart() throws Exception {
        // given
        start("""
                tls_server_config:
                  cert_file: server.crt
                  key_file: server.key
                """);
        SSLContext context = TestCertificates.clientContext(ca, null);
        assertThat(servedCertificate(context).getSubjectX500Principal().getName()).isEqualTo("CN=first");

        // when: the files are replaced, as cert-manager does on renewal
        TestCertificates.Issued renewed = TestCertificates.server(ca, "renewed");
        TestCertificates.writeKey(renewed, dir.resolve("server.key"));
        TestCertificates.writeCertificate(renewed, dir.resolve("server.crt"));
        FileTime later = FileTime.from(Instant.now().plusSeconds(5));
        Files.setLastModifiedTime(dir.resolve("server.key"), later);
        Files.setLastModifiedTime(dir.resolve("server.crt"), later);

        // then
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(servedCertificate(context).getSubjectX500Principal().getName()).isEqualTo("CN=renewed"));
    }

    private X509Certificate servedCertificate(SSLContext context) throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private void start(String webConfig) throws Exception {
        Path web = dir.resolve("web.yml");
        Files.writeString(web, webConfig);
        server = HttpApiServer.builder(new HttpConfig("127.0.0.1", 0, web, null))
                .tlsReloadCheck(Duration.ofMillis(100))
                .start();
    }

    private static HttpClient client(SSLContext context) {
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }
}
