package io.integrationmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationmonitor.freshness.FreshnessCost;
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
                  rds_integrations: {interval: 2m}
                  redshift_inbound_integrations: {enabled: false}
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
                .contains("sources: glue_integrations every 1m, appintegrations every 5m, rds_integrations every 2m,"
                        + " redshift_integrations every 1m" + System.lineSeparator())
                .doesNotContain("glue_inbound_integrations")
                .doesNotContain("redshift_inbound_integrations")
                .doesNotContain("top-secret-id");
    }

    @Test
    void aValidFileWithFreshnessOnPrintsItsMonthlyCloudWatchCost() throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("freshness.yaml"), "freshness: {interval: 10m}\n");

        // when
        int exitCode = runWithEstimates(file.toString());

        // then: 30 d / 10 m = 4,320 polls x 2 metrics = 8,640 metrics = $0.09 per integration
        assertThat(exitCode).isZero();
        assertThat(out.toString().lines()).containsSequence(
                "  freshness: every 10m, 4,320 polls a month (30 days), CloudWatch GetMetricData at $0.01 per 1,000"
                        + " metrics requested",
                "    per integration and month: 8,640 metrics (2 a poll; Glue at least: IngestionFailed counts 1 per"
                        + " table it returns) = $0.09",
                "    a month: 10 integrations $0.86, 100 integrations $8.64, 1,000 integrations $86.40");
    }

    @Test
    void aValidFileWithFreshnessOffSaysSo() throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("off.yaml"), "freshness: {enabled: false}\n");

        // when
        int exitCode = runWithEstimates(file.toString());

        // then
        assertThat(exitCode).isZero();
        assertThat(out.toString().lines()).contains("  freshness: disabled (no CloudWatch requests, no cost)")
                .noneMatch(line -> line.contains("$"));
    }

    @Test
    void anInvalidFilePrintsNoEstimate() throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("bad-freshness.yaml"), "freshness: {interval: 10s}\n");

        // when
        int exitCode = runWithEstimates(file.toString());

        // then
        assertThat(exitCode).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("freshness.interval: must be at least 1m, got 10s");
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
                        + " aws, targets, sources, filter, stuck, http, state, logging, alerting, cluster, events,"
                        + " freshness, metrics");
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

    @Test
    void invalidSecretsWrittenInlineAreNeverEchoedAndEachProblemNamesItsKey() throws Exception {
        // given: every secret is invalid where it is used, so that each one's own check speaks
        Path file = Files.writeString(dir.resolve("secrets.yaml"), """
                targets:
                  - role_arn: arn:aws:iam::123456789012:role/monitor
                    external_id: "ext id SECRET-ext"
                alerting:
                  external_url: "ftp://admin:SECRET-extpw@status.example/x?token=SECRET-query"
                  receivers:
                    - name: hook
                      webhook: {url: "hooks.example/realtokenSECRET-hook", hmac_secret: 31415.9265358979}
                    - name: slack
                      slack: {webhook_url: "hooks.slack.com/services/T0/B0/SECRET-slack"}
                    - name: am
                      alertmanager: {urls: ["ftp://am:SECRET-ampw@am.example:9093"]}
                    - name: envhook
                      webhook: {url: "${HOOK_URL}"}
                cluster:
                  enabled: true
                  jdbc_url: "jdbc:mysql://db.example/monitor?user=m&password=SECRET-jdbc"
                  password: 27182.8182845904
                """);

        // when
        int exitCode = run(Map.of("HOOK_URL", "hooks.example/SECRET-env"), file.toString());

        // then
        assertThat(exitCode).isEqualTo(1);
        String printed = out + "\n" + err;
        assertThat(printed).doesNotContainIgnoringCase("SECRET-")
                .doesNotContain("31415", "27182", "realtoken", "T0/B0", "hooks.example/", "db.example", "mysql");
        assertThat(err.toString().lines().skip(1)).containsExactlyInAnyOrder(
                "targets[0].external_id: must be 2 to 1224 letters, digits or +=,.@:/-_ (value hidden: secret)",
                "alerting.external_url: must be an http(s) URL, got 'ftp://status.example/x?...'",
                "alerting.receivers[0].webhook.url: must be an http(s) URL (value hidden: secret)",
                "alerting.receivers[0].webhook.hmac_secret: expected a string (value hidden: secret)",
                "alerting.receivers[1].slack.webhook_url: must be an http(s) URL (value hidden: secret)",
                "alerting.receivers[2].alertmanager.urls[0]: must be an http(s) URL (value hidden: secret)",
                "alerting.receivers[3].webhook.url: must be an http(s) URL (value hidden: secret)",
                "cluster.jdbc_url: must start with jdbc:postgresql: (value hidden: secret)",
                "cluster.password: expected a string (value hidden: secret)");
    }

    @Test
    void aSecretEchoedUnderAnotherKeyIsStillHidden() throws Exception {
        // given: the password pasted by mistake into a number, and a URL with credentials in a non-secret key
        Path file = Files.writeString(dir.resolve("pasted.yaml"), """
                cluster: {password: "SECRET-pw", pool_size: "SECRET-pw"}
                aws:
                  endpoints: {glue: "http://user:SECRET-basic@glue.example:8080/?sig=SECRET-sig x"}
                """);

        // when
        int exitCode = run(Map.of(), file.toString());

        // then
        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).doesNotContain("SECRET-").contains("cluster.pool_size:", "aws.endpoints.glue:");
    }

    /** As the command line builds it: with the freshness cost estimate. */
    private int runWithEstimates(String... args) {
        CommandLine commandLine = new CommandLine(new ValidateConfigCommand(Map.of(), FreshnessCost::describe));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private int run(Map<String, String> env, String... args) {
        CommandLine commandLine = new CommandLine(new ValidateConfigCommand(env));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
