package io.integrationmonitor.http;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Authorization header check: what passes, and what bcrypt work each attempt costs. */
class CredentialsTest {
    private final Credentials credentials = new Credentials(
            Map.of("alice", BCrypt.withDefaults().hashToString(4, "secret-pass".toCharArray())),
            List.of("token-0123456789abcdef"));

    @Test
    void aSuccessfulPasswordCheckIsCachedAndAFailedOneIsNot() {
        // when
        Credentials.Outcome first = credentials.check(basic("alice", "secret-pass"));
        Credentials.Outcome second = credentials.check(basic("alice", "secret-pass"));

        // then: bcrypt ran once for both
        assertThat(first).isEqualTo(Credentials.Outcome.VALID);
        assertThat(second).isEqualTo(Credentials.Outcome.VALID);
        assertThat(credentials.bcryptRuns()).isEqualTo(1);

        // when: wrong passwords, and a user that does not exist (still one bcrypt run: no timing difference)
        assertThat(credentials.check(basic("alice", "wrong"))).isEqualTo(Credentials.Outcome.INVALID);
        assertThat(credentials.check(basic("alice", "wrong"))).isEqualTo(Credentials.Outcome.INVALID);
        assertThat(credentials.check(basic("bob", "secret-pass"))).isEqualTo(Credentials.Outcome.INVALID);

        // then
        assertThat(credentials.bcryptRuns()).isEqualTo(4);
    }

    @Test
    void acceptsTheHashVariantsThatHtpasswdAndPythonBcryptWrite() {
        // given: htpasswd -B writes $2y$, python's bcrypt $2b$
        String y = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, "pw-y".toCharArray());
        String b = BCrypt.with(BCrypt.Version.VERSION_2B).hashToString(4, "pw-b".toCharArray());
        Credentials variants = new Credentials(Map.of("y", y, "b", b), List.of());

        // then
        assertThat(y).startsWith("$2y$");
        assertThat(b).startsWith("$2b$");
        assertThat(variants.check(basic("y", "pw-y"))).isEqualTo(Credentials.Outcome.VALID);
        assertThat(variants.check(basic("b", "pw-b"))).isEqualTo(Credentials.Outcome.VALID);
        assertThat(variants.check(basic("b", "pw-y"))).isEqualTo(Credentials.Outcome.INVALID);
    }

    @Test
    void tokensAndMalformedHeaders() {
        assertThat(credentials.check("Bearer token-0123456789abcdef")).isEqualTo(Credentials.Outcome.VALID);
        assertThat(credentials.check("bearer token-0123456789abcdef")).isEqualTo(Credentials.Outcome.VALID);
        assertThat(credentials.check("Bearer token-0123456789abcdeF")).isEqualTo(Credentials.Outcome.INVALID);
        assertThat(credentials.check("Bearer token")).isEqualTo(Credentials.Outcome.INVALID);
        assertThat(credentials.check(null)).isEqualTo(Credentials.Outcome.MISSING);
        assertThat(credentials.check("Basic !!!")).isEqualTo(Credentials.Outcome.INVALID);
        assertThat(credentials.check("Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(Credentials.Outcome.INVALID);
        // longer than bcrypt's 72 bytes: refused
        assertThat(credentials.check(basic("alice", "secret-pass" + "x".repeat(80)))).isEqualTo(Credentials.Outcome.INVALID);
        assertThat(credentials.bcryptRuns()).isEqualTo(1);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
