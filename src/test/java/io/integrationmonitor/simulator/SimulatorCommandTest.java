package io.integrationmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.DescribeIntegrationsResponse;

class SimulatorCommandTest {

    @Test
    void helpDocumentsTheEstateSyntax() {
        StringWriter help = new StringWriter();
        CommandLine cli = new CommandLine(new SimulatorCommand());
        cli.setOut(new PrintWriter(help));

        int exit = cli.execute("--help");

        assertThat(exit).isZero();
        assertThat(help.toString()).contains("--estate", "page-size=N", "--story", "--random-rate", "4566");
    }

    @Test
    void startsWithTheGeneratedEstateAndPrintsTheEnvironment() throws Exception {
        // given the command parsed with two accounts, two regions and a page cap
        SimulatorCommand command = new SimulatorCommand();
        new CommandLine(command).parseArgs("--port", "0", "--accounts", "123456789012,111111111111",
                "--regions", "us-east-1,eu-west-1", "--estate", "integrations=12,inbound=0,data-integrations=0,page-size=4");
        StringWriter out = new StringWriter();

        // when started
        try (SimulatorCommand.Running running = command.start(new PrintWriter(out))) {
            AwsSimulator simulator = running.simulator();

            // then it prints how to use it
            assertThat(out.toString()).contains("export AWS_ENDPOINT_URL=" + simulator.endpoint(), "AWS_REGION=us-east-1",
                    "AWS_ACCESS_KEY_ID=", "AWS_SECRET_ACCESS_KEY=");
            // and every partition has its estate, served concurrently by many clients
            assertThat(simulator.estate().partitions()).hasSize(4);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try (GlueClient glue = new SdkClients(simulator.endpoint())
                    .glue(AwsBasicCredentials.create("AKIAANY", "x"), Region.EU_WEST_1, false)) {
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    results.add(pool.submit(() -> countAll(glue)));
                }
                for (Future<Integer> f : results) {
                    assertThat(f.get()).isEqualTo(12);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(simulator.calls().count(Operation.GLUE_DESCRIBE_INTEGRATIONS, "123456789012")).isEqualTo(16 * 3);
        }
    }

    private static int countAll(GlueClient glue) {
        int n = 0;
        String marker = null;
        do {
            String m = marker;
            DescribeIntegrationsResponse page = glue.describeIntegrations(r -> r.marker(m));
            n += page.integrations().size();
            marker = page.marker();
        } while (marker != null);
        return n;
    }

    @Test
    void eventOptionsSendTheStoriesEventsIntoTheNamedQueueWithTheKnobs() throws Exception {
        // given the command with events into a named queue, duplicated always
        SimulatorCommand command = new SimulatorCommand();
        new CommandLine(command).parseArgs("--port", "0", "--estate", "integrations=2,inbound=0,data-integrations=0",
                "--events-queue", "123456789012/zero-etl-events", "--events-duplicates", "1", "--events-delay-ms", "5",
                "--events-jitter-ms", "10", "--seed", "9");
        StringWriter out = new StringWriter();

        // when started and an integration fails
        try (SimulatorCommand.Running running = command.start(new PrintWriter(out))) {
            AwsSimulator simulator = running.simulator();
            Partition home = new Partition(Estate.DEFAULT_ACCOUNT, Estate.DEFAULT_REGION);
            simulator.estate().setIntegrationStatus(simulator.estate().integrations(home).get(0).arn(), "FAILED",
                    List.of());

            // then the banner names the queue and the event is in it twice
            assertThat(out.toString()).contains("EventBridge events into SQS: "
                    + simulator.queueUrl("123456789012", "zero-etl-events"));
            assertThat(simulator.events().delivery()).hasValueSatisfying(d -> {
                assertThat(d.seed()).isEqualTo(9);
                assertThat(d.jitter()).hasMillis(10);
            });
            assertThat(simulator.sqs().messages(home, "zero-etl-events")).hasSize(2);
        }
    }

    @Test
    void eventsAreOffByDefaultAndABadQueueIsRejected() {
        SimulatorCommand off = new SimulatorCommand();
        new CommandLine(off).parseArgs();
        assertThat(off.eventDelivery(new Partition(Estate.DEFAULT_ACCOUNT, Estate.DEFAULT_REGION))).isNull();

        SimulatorCommand on = new SimulatorCommand();
        new CommandLine(on).parseArgs("--events");
        assertThat(on.eventDelivery(new Partition("111111111111", "eu-west-1")).queues())
                .containsExactly(new EventQueue(new Partition("111111111111", "eu-west-1"), EventQueue.DEFAULT_NAME));

        SimulatorCommand bad = new SimulatorCommand();
        new CommandLine(bad).parseArgs("--events-queue", "integration-events");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        bad.eventDelivery(new Partition(Estate.DEFAULT_ACCOUNT, Estate.DEFAULT_REGION)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ACCOUNT/QUEUE_NAME");
    }
}
