package io.integrationmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateConfigCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void validFilePrintsOkAndASummaryAndExitsZero() throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("good.yaml"), """
                aws: {region: eu-west-1}
                targets:
                  - role_arn: arn:aws:iam::123456789012:role/monitor
                    external_id: ${EXTERNAL_ID}
                    regions: [us-east-1, eu-west-1]
                  - {}
                sources:
                  glue_inbound_integrations: {enabled: false}
                  appintegrations: {interval: 5m}
                """);

        // when
        int exitCode = run(Map.of("EXTERNAL_ID", "top-secret-id"), file.toString());

        // then
        assertThat(exitCode).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString())
                .startsWith("OK: " + file + System.lineSeparator())
                .contains("targets: 2 (arn:aws:iam::123456789012:role/monitor, default credentials)")
                .contains("regions: eu-west-1, us-east-1")
                .contains("sources: glue_integrations every 1m, appintegrations every 5m")
                .doesNotContain("glue_inbound_integrations")
                .doesNotContain("top-secret-id");
    }

    @Test
    void invalidFilePrintsEveryProblemWithItsKeyAndExitsOne() throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("bad.yaml"), """
                sources:
                  glue_integrations: {page_size: 5000}
                htp: {port: 1}
                """);

        // when
        int exitCode = run(Map.of(), file.toString());

        // then
        assertThat(exitCode).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines()).containsExactly(
                "INVALID: " + file + " (2 problems)",
                "sources.glue_integrations.page_size: must be between 1 and 1000, got 5000",
                "htp: unknown key 'htp' (did you mean 'http'?); allowed keys here:"
                        + " aws, targets, sources, filter, stuck, http, state, logging, alerting, cluster");
    }

    @Test
    void aBadWebConfigFileIsReportedWithItsKeys() throws Exception {
        // given
        Path web = Files.writeString(dir.resolve("web.yml"), "basic_auth_users:\n  alice: not-a-hash\ntls: {}\n");
        Path file = Files.writeString(dir.resolve("with-web.yaml"), "http: {web_config_file: '" + web + "'}\n");

        // when
        int exitCode = run(Map.of(), file.toString());

        // then
        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).contains("INVALID: web config file " + web)
                .contains("basic_auth_users.alice").contains("tls").doesNotContain("not-a-hash");
    }

    @Test
    void missingFileIsAClearErrorWithExitOne() {
        // when
        int exitCode = run(Map.of(), dir.resolve("nope.yaml").toString());

        // then
        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).contains("cannot read " + dir.resolve("nope.yaml") + ": file not found");
    }

    @Test
    void directoryInsteadOfAFileIsAClearErrorWithExitOne() {
        assertThat(run(Map.of(), dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is a directory");
    }

    private int run(Map<String, String> env, String... args) {
        CommandLine commandLine = new CommandLine(new ValidateConfigCommand(env));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
