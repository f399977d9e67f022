package io.integrationmonitor.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The exporter-toolkit web config file: strict, every problem at its key. */
class WebConfigTest {
    private static final String HASH = "$2y$10$Dh6cA4NuPP1ZNRIvzOrfu.7o3h3A2wVb5dC9BM2ZmfE.iqk6ruHeK";

    @TempDir
    Path dir;

    @Test
    void readsTheToolkitFormatWithPathsRelativeToTheFile() throws Exception {
        // given
        Files.writeString(dir.resolve("tls.crt"), "x");
        Files.writeString(dir.resolve("tls.key"), "x");
        Files.writeString(dir.resolve("ca.crt"), "x");
        Path file = write("""
                tls_server_config:
                  cert_file: tls.crt
                  key_file: tls.key
                  client_auth_type: VerifyClientCertIfGiven
                  client_ca_file: ca.crt
                  min_version: TLS13
                basic_auth_users:
                  prometheus: '%s'
                http_server_config:
                  http2: false
                  headers:
                    Strict-Transport-Security: max-age=31536000
                """.formatted(HASH));

        // when
        WebConfig config = WebConfig.load(file);

        // then
        assertThat(config.tlsServerConfig().certFile()).isEqualTo(dir.resolve("tls.crt"));
        assertThat(config.tlsServerConfig().clientCaFile()).isEqualTo(dir.resolve("ca.crt"));
        assertThat(config.tlsServerConfig().clientAuthType()).isEqualTo(WebConfig.ClientAuthType.VerifyClientCertIfGiven);
        assertThat(config.tlsServerConfig().protocols()).containsExactly("TLSv1.3");
        assertThat(config.basicAuthUsers()).containsEntry("prometheus", HASH);
        assertThat(config.toString()).contains("prometheus").doesNotContain(HASH);
        assertThat(config.httpServerConfig().headers()).containsEntry("Strict-Transport-Security", "max-age=31536000");
    }

    @Test
    void anUnknownKeyIsAnErrorNamingIt() throws Exception {
        assertProblem(write("tls_server_config:\n  cert_file: a\n  key_file: b\n  cipher_suites: [X]\n"),
                "tls_server_config.cipher_suites");
        assertProblem(write("basic_auth:\n  x: y\n"), "basic_auth");
    }

    @Test
    void aMissingCertificateFileIsAnErrorNamingTheKey() throws Exception {
        Files.writeString(dir.resolve("tls.key"), "x");
        assertProblem(write("tls_server_config:\n  cert_file: missing.crt\n  key_file: tls.key\n"),
                "tls_server_config.cert_file");
    }

    @Test
    void aValueThatIsNotABcryptHashIsAnErrorNamingTheUserButNotTheValue() throws Exception {
        ConfigException e = assertProblem(write("basic_auth_users:\n  alice: plain-text-password\n"),
                "basic_auth_users.alice");
        assertThat(e.getMessage()).doesNotContain("plain-text-password");
    }

    @Test
    void otherMistakesAreNamedToo() throws Exception {
        Files.writeString(dir.resolve("tls.crt"), "x");
        Files.writeString(dir.resolve("tls.key"), "x");
        assertProblem(write("tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n"
                + "  client_auth_type: RequireAndVerifyClientCert\n"), "tls_server_config.client_ca_file");
        assertProblem(write("tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n"
                + "  client_auth_type: Sometimes\n"), "tls_server_config.client_auth_type");
        assertProblem(write("tls_server_config:\n  key_file: tls.key\n"), "tls_server_config.cert_file");
        assertThat(assertProblem(write("http_server_config:\n  headers:\n    Content-Type: text/html\n"),
                "http_server_config.headers").getMessage()).contains("Content-Type");
    }

    @Test
    void bearerTokensAreSecretsInTheMainConfig() {
        // given
        String yaml = "http:\n  auth:\n    bearer_tokens: ['${TOKEN}']\n    protect_reads: true\n";

        // when
        HttpConfig ok = ConfigLoader.parse(yaml, "test", Map.of("TOKEN", "a-long-enough-secret-token")).http();

        // then
        assertThat(ok.auth().bearerTokens()).containsExactly("a-long-enough-secret-token");
        assertThat(ok.auth().protectReads()).isTrue();
        assertThat(ok.toString()).doesNotContain("a-long-enough-secret-token");
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "test", Map.of("TOKEN", "short-secret")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .extracting(ConfigProblem::path).containsExactly("http.auth.bearer_tokens[0]"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short-secret"));
    }

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("web-" + System.nanoTime() + ".yml");
        Files.writeString(file, yaml);
        return file;
    }

    private static ConfigException assertProblem(Path file, String key) {
        try {
            WebConfig.load(file);
        } catch (ConfigException e) {
            List<String> paths = e.problems().stream().map(ConfigProblem::path).toList();
            assertThat(paths).as(e.getMessage()).contains(key);
            return e;
        }
        throw new AssertionError("no ConfigException for " + key);
    }
}
