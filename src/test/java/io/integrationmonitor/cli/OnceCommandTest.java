package io.integrationmonitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.simulator.AwsSimulator;
import io.integrationmonitor.simulator.Estate;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.Operation;
import io.integrationmonitor.simulator.Partition;
import io.integrationmonitor.simulator.SimError;
import io.integrationmonitor.simulator.SimInboundIntegration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code once} against the simulator: the Nagios exit code for each kind of estate. */
class OnceCommandTest {
    private static final Partition HOME = new Partition("123456789012", "us-east-1");

    @TempDir
    Path dir;

    private AwsSimulator simulator;
    private Path config;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startSimulator() throws Exception {
        Estate estate = new Estate();
        estate.populate(HOME, new EstateSpec(4, 2, 1, 3, 2).withRdsIntegrations(2));
        // An association that never ran is healthy; make every association's state explicit.
        estate.associations(HOME).forEach(a -> estate.setAssociationExecution(a.arn(), "COMPLETED", null));
        simulator = AwsSimulator.start("127.0.0.1", 0, estate, 8);
        String endpoint = simulator.endpoint().toString();
        config = Files.writeString(dir.resolve("config.yaml"), """
                aws:
                  region: us-east-1
                  endpoints: {glue: "%1$s", appintegrations: "%1$s", sns: "%1$s", sts: "%1$s", rds: "%1$s", redshift: "%1$s", cloudwatch: "%1$s"}
                  retry: {max_attempts: 2}
                  api_call_timeout: 10s
                  api_call_attempt_timeout: 3s
                stuck: {syncing: 1h}
                state: {data_dir: "%2$s"}
                """.formatted(endpoint, dir.resolve("data")));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void all_healthy_exits_0_and_writes_no_state() {
        int code = once("--config", config.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("INTEGRATIONS OK - ");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void needs_attention_exits_1() {
        givenIntegration(0, "NEEDS_ATTENTION", new SimError("TABLE_RESYNC_REQUIRED", "resync needed"));

        int code = once("--config", config.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).startsWith("INTEGRATIONS WARNING - 1 warning")
                .contains("NEEDS_ATTENTION", "TABLE_RESYNC_REQUIRED: resync needed");
    }

    @Test
    void a_failed_integration_exits_2() {
        givenIntegration(1, "FAILED", new SimError("SOURCE_CONNECTION_LOST", "timed out"));

        assertThat(once("--config", config.toString())).isEqualTo(2);
        assertThat(out.toString()).startsWith("INTEGRATIONS CRITICAL - 1 critical");
    }

    @Test
    void a_failed_execution_exits_2() {
        String association = simulator.estate().associations(HOME).get(0).arn();
        simulator.estate().setAssociationExecution(association, "FAILED", "REQUEST_LIMIT_EXCEEDED");

        assertThat(once("--config", config.toString())).isEqualTo(2);
        assertThat(out.toString()).contains("last execution FAILED", "REQUEST_LIMIT_EXCEEDED");
    }

    @Test
    void a_source_that_cannot_be_polled_exits_3() {
        simulator.faults().failAlways(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATIONS, null);

        assertThat(once("--config", config.toString())).isEqualTo(3);
        assertThat(out.toString()).startsWith("INTEGRATIONS UNKNOWN")
                .contains("could not poll appintegrations_associations in 123456789012/us-east-1: server_error");
    }

    @Test
    void a_source_whose_api_refuses_the_monitor_is_one_unknown_row_naming_the_grant_and_exits_3() throws Exception {
        // given Glue refusing glue:DescribeInboundIntegrations, with AWS's message naming the caller
        simulator.faults().errorNext(Operation.GLUE_DESCRIBE_INBOUND_INTEGRATIONS, null, 10, 400,
                "AccessDeniedException", "User: arn:aws:iam::123456789012:user/ci is not authorized");

        // when
        int code = once("--config", config.toString());

        // then
        assertThat(code).as(err.toString()).isEqualTo(3);
        assertThat(out.toString()).startsWith("INTEGRATIONS UNKNOWN - ").contains("; 1 source(s) not permitted")
                .contains("UNKNOWN   not permitted: grant glue:DescribeInboundIntegrations to the identity of the "
                        + "default credential chain in 123456789012 (glue_inbound_integrations in "
                        + "123456789012/us-east-1: Glue DescribeInboundIntegrations page 1: AccessDeniedException "
                        + "from Glue (HTTP 400))")
                .doesNotContain("could not poll", "user/ci");

        // and as JSON, apart from the failed polls
        out.getBuffer().setLength(0);
        assertThat(once("--config", config.toString(), "--output", "json")).isEqualTo(3);
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertThat(doc.get("failed_polls")).isEmpty();
        assertThat(doc.get("not_permitted")).singleElement().satisfies(n -> {
            assertThat(n.get("source").asText()).isEqualTo("glue_inbound_integrations");
            assertThat(n.get("iam_actions").get(0).asText()).isEqualTo("glue:DescribeInboundIntegrations");
            assertThat(n.get("grant").asText()).startsWith("grant glue:DescribeInboundIntegrations to ");
        });
    }

    @Test
    void critical_outranks_unknown_and_json_output_lists_everything() throws Exception {
        simulator.faults().failAlways(Operation.GLUE_DESCRIBE_INBOUND_INTEGRATIONS, null);
        givenIntegration(2, "FAILED", new SimError("E", "broken"));

        int code = once("--config", config.toString(), "--output", "json");

        assertThat(code).isEqualTo(2);
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertThat(doc.get("status").asText()).isEqualTo("CRITICAL");
        assertThat(doc.get("exit_code").asInt()).isEqualTo(2);
        assertThat(doc.get("failed_polls")).hasSize(1);
        assertThat(doc.get("failed_polls").get(0).get("source").asText()).isEqualTo("glue_inbound_integrations");
        assertThat(doc.get("resources").get(0).get("level").asText()).isEqualTo("CRITICAL");
        assertThat(doc.get("resources").get(0).get("errors").get(0).get("code").asText()).isEqualTo("E");
        assertThat(doc.get("resources")).hasSize(4 + 3 + 2);
        assertThat(doc.get("freshness").get("enabled").asBoolean()).isTrue();
        assertThat(doc.get("freshness").get("findings").isArray()).isTrue();
    }

    @Test
    void an_rds_integration_needing_attention_exits_1_and_a_failed_one_2() {
        String arn = simulator.estate().rdsIntegrations(HOME).get(0).arn();
        simulator.estate().setRdsStatus(arn, "needs_attention", List.of(new SimError("TABLE_RESYNC_REQUIRED", "refresh")));

        assertThat(once("--config", config.toString())).isEqualTo(1);
        assertThat(out.toString()).startsWith("INTEGRATIONS WARNING - 1 warning")
                .contains("NEEDS_ATTENTION", "TABLE_RESYNC_REQUIRED: refresh");

        out.getBuffer().setLength(0);
        simulator.estate().setRdsStatus(arn, "failed", List.of(new SimError("S3_ACCESS_DENIED", "denied")));
        assertThat(once("--config", config.toString())).isEqualTo(2);
        assertThat(out.toString()).startsWith("INTEGRATIONS CRITICAL - 1 critical").contains("integration FAILED");
    }

    @Test
    void rds_that_cannot_be_polled_exits_3() {
        simulator.faults().failAlways(Operation.RDS_DESCRIBE_INTEGRATIONS, null);

        assertThat(once("--config", config.toString())).isEqualTo(3);
        assertThat(out.toString()).startsWith("INTEGRATIONS UNKNOWN")
                .contains("could not poll rds_integrations in 123456789012/us-east-1: server_error");
    }

    @Test
    void a_redshift_integration_both_redshift_listings_show_is_one_row_exiting_1_then_2() {
        // given a DynamoDB -> Redshift integration that its namespace also lists inbound
        simulator.estate().populate(HOME, EstateSpec.empty().withRedshift(1, 1), 99);
        String arn = simulator.estate().redshiftIntegrations(HOME).get(0).arn();
        assertThat(simulator.estate().redshiftInboundIntegration(arn)).isPresent();
        simulator.estate().setRedshiftStatus(arn, "needs_attention",
                List.of(new SimError("SOURCE_TABLE_DELETED", "gone")));

        // when / then needing attention: a warning, one row, naming both listings
        assertThat(once("--config", config.toString())).isEqualTo(1);
        assertThat(out.toString()).startsWith("INTEGRATIONS WARNING - 1 warning")
                .contains("SOURCE_TABLE_DELETED: gone", "(listed by redshift_integrations, redshift_inbound_integrations)");
        assertThat(out.toString().lines().filter(l -> l.contains(arn) || l.contains("SOURCE_TABLE_DELETED")))
                .hasSize(1);

        // when / then failed: critical
        out.getBuffer().setLength(0);
        simulator.estate().setRedshiftStatus(arn, "failed", List.of(new SimError("S3_ACCESS_DENIED", "denied")));
        assertThat(once("--config", config.toString())).isEqualTo(2);
        assertThat(out.toString()).startsWith("INTEGRATIONS CRITICAL - 1 critical");
    }

    @Test
    void redshift_inbound_that_cannot_be_polled_exits_3() {
        simulator.faults().failAlways(Operation.REDSHIFT_DESCRIBE_INBOUND_INTEGRATIONS, null);

        assertThat(once("--config", config.toString())).isEqualTo(3);
        assertThat(out.toString()).startsWith("INTEGRATIONS UNKNOWN")
                .contains("could not poll redshift_inbound_integrations in 123456789012/us-east-1: server_error");
    }

    @Test
    void an_integration_two_listings_report_is_one_row_judged_by_its_owner() throws Exception {
        // given an integration FAILED as Glue DescribeIntegrations lists it, ACTIVE in the inbound listing
        var integration = simulator.estate().integrations(HOME).get(0);
        simulator.estate().addInboundIntegration(new SimInboundIntegration(integration.arn(),
                integration.sourceArn(), integration.targetArn(), "ACTIVE", integration.createTime(), List.of()));
        givenIntegration(0, "FAILED", new SimError("SOURCE_CONNECTION_LOST", "timed out"));

        // when checked once, as a table and as JSON
        int code = once("--config", config.toString());
        String table = out.toString();
        out.getBuffer().setLength(0);
        int jsonCode = once("--config", config.toString(), "--output", "json");

        // then one CRITICAL row for it, with both listings, and the exit code counted once
        assertThat(code).isEqualTo(2);
        assertThat(table).startsWith("INTEGRATIONS CRITICAL - 1 critical, ")
                .contains("(listed by glue_integrations, glue_inbound_integrations)");
        assertThat(table.lines().filter(l -> l.contains(integration.name()))).hasSize(1);
        assertThat(jsonCode).isEqualTo(2);
        JsonNode resources = new ObjectMapper().readTree(out.toString()).get("resources");
        assertThat(resources).hasSize(4 + 2 + 3 + 2); // integrations, inbound, associations, RDS integrations
        assertThat(resources.get(0).get("arn").asText()).isEqualTo(integration.arn());
        assertThat(resources.get(0).get("kind").asText()).isEqualTo("glue_integration");
        assertThat(resources.get(0).get("listings")).extracting(JsonNode::asText)
                .containsExactly("glue_integrations", "glue_inbound_integrations");
    }

    @Test
    void a_bad_config_exits_3_naming_the_key() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "sources: {glue_integrations: {intervall: 5m}}\n");

        assertThat(once("--config", bad.toString())).isEqualTo(3);
        assertThat(err.toString()).contains("sources.glue_integrations.intervall");
    }

    private void givenIntegration(int index, String status, SimError error) {
        var arn = simulator.estate().integrations(HOME).get(index).arn();
        simulator.estate().setIntegrationStatus(arn, status, List.of(error));
    }

    private int once(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "once";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }
}
