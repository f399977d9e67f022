package io.integrationmonitor.config;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code events:} section (#13): off by default, strict, secrets kept out of messages. */
class EventsConfigTest {
    private static final Map<String, String> NO_ENV = Map.of();
    private static final String QUEUE = "https://sqs.eu-west-1.amazonaws.com/123456789012/integration-events";

    @Test
    void eventsAreOffByDefault() {
        // when
        MonitorConfig config = ConfigLoader.parse("", "empty.yaml", NO_ENV);

        // then
        EventsConfig events = config.events();
        assertThat(events).isEqualTo(EventsConfig.defaults());
        assertThat(events.enabled()).isFalse();
        assertThat(events.queues()).isEmpty();
        assertThat(events.waitTime()).isEqualTo(Duration.ofSeconds(20));
        assertThat(events.maxMessages()).isEqualTo(10);
        assertThat(events.dedupWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(events.maxFailingTablesPerIntegration()).isEqualTo(100);
    }

    @Test
    void aQueueTakesItsRegionFromAnAwsHostAndReusesATargetByIndex() {
        // given
        String yaml = """
                targets:
                  - regions: [eu-west-1]
                  - role_arn: arn:aws:iam::210987654321:role/monitor
                    regions: [us-east-1]
                events:
                  enabled: true
                  queues:
                    - url: %s
                    - url: http://127.0.0.1:4566/210987654321/events
                      target: 1
                      region: us-east-1
                  wait_time: 5s
                  max_messages: 3
                  dedup_window: 2h
                  max_failing_tables_per_integration: 7
                  table_labels: true
                """.formatted(QUEUE);

        // when
        EventsConfig events = ConfigLoader.parse(yaml, "events.yaml", NO_ENV).events();

        // then
        assertThat(events.enabled()).isTrue();
        assertThat(events.queues()).extracting(EventQueueConfig::region, EventQueueConfig::target,
                        EventQueueConfig::queueAccount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("eu-west-1", 0, "123456789012"),
                        org.assertj.core.groups.Tuple.tuple("us-east-1", 1, "210987654321"));
        assertThat(events.waitTime()).isEqualTo(Duration.ofSeconds(5));
        assertThat(events.maxMessages()).isEqualTo(3);
        assertThat(events.dedupWindow()).isEqualTo(Duration.ofHours(2));
        assertThat(events.maxFailingTablesPerIntegration()).isEqualTo(7);
        assertThat(events.tableLabels()).isTrue();
    }

    @Test
    void aMisspeltKeyIsNamedWithASuggestion() {
        // when
        List<ConfigProblem> problems = problems("events:\n  queue: []\n");

        // then
        assertThat(problems).extracting(ConfigProblem::path).containsExactly("events.queue");
        assertThat(problems.get(0).message()).contains("did you mean 'queues'?");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "wait_time: 30s | events.wait_time: must be whole seconds from 1s to 20s (SQS long polling), got 30s",
            "wait_time: 0s | events.wait_time: must be whole seconds from 1s to 20s (SQS long polling), got 0s",
            "wait_time: 1500ms | events.wait_time: must be whole seconds from 1s to 20s (SQS long polling), got 1s500ms",
            "max_messages: 11 | events.max_messages: must be between 1 and 10, got 11",
            "max_messages: 0 | events.max_messages: must be between 1 and 10, got 0",
            "dedup_window: 10s | events.dedup_window: must be at least 1m, got 10s",
            "max_failing_tables_per_integration: 0 | events.max_failing_tables_per_integration: must be between 1 and 100000, got 0",
            "enabled: maybe | events.enabled: expected true or false, got 'maybe'"})
    void eachBadValueIsNamedAtItsKey(String line, String problem) {
        assertThat(problems("events:\n  " + line + "\n")).extracting(ConfigProblem::toString).containsExactly(problem);
    }

    @Test
    void enablingEventsWithoutAQueueIsAnError() {
        assertThat(problems("events: {enabled: true}\n")).extracting(ConfigProblem::toString)
                .containsExactly("events.queues: must list at least one queue when events are enabled");
    }

    @Test
    void queueProblemsAreNamedAtTheQueuesKeys() {
        // given
        String yaml = """
                events:
                  queues:
                    - url: ftp://sqs.eu-west-1.amazonaws.com/123456789012/q
                    - url: https://sqs.eu-west-1.amazonaws.com/not-a-queue
                    - url: https://queues.example.com/123456789012/q
                    - url: https://sqs.eu-west-1.amazonaws.com/123456789012/q
                      region: us-east-1
                    - url: https://sqs.eu-west-1.amazonaws.com/123456789012/q2
                      target: 3
                    - region: eu-west-1
                    - url: https://sqs.eu-west-1.amazonaws.com/123456789012/q3
                      extra: 1
                """;

        // then
        assertThat(problems(yaml)).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
                "events.queues[0].url", "events.queues[1].url", "events.queues[2].region",
                "events.queues[3].region", "events.queues[5].url", "events.queues[6].extra");
        assertThat(problems("events:\n  queues:\n    - url: " + QUEUE + "\n      target: 3\n"))
                .extracting(ConfigProblem::toString)
                .containsExactly("events.queues[0].target: names no target: there is 1 target (index 0), got 3");
    }

    @Test
    void theSameQueueTwiceIsAnError() {
        String yaml = "events:\n  queues:\n    - url: " + QUEUE + "\n    - url: " + QUEUE + "\n";

        assertThat(problems(yaml)).extracting(ConfigProblem::path).containsExactly("events.queues[1].url");
    }

    @Test
    void credentialsInAQueueUrlAreRejectedAndNeverShown() {
        // given: a URL with user-info and a query, as a pasted presigned or proxy URL might have
        String yaml = "events:\n  queues:\n    - url: https://AKIAEXAMPLE:s3cr3tpassw0rd@sqs.eu-west-1.amazonaws.com"
                + "/123456789012/q?X-Amz-Signature=deadbeefcafe\n";

        // when
        List<ConfigProblem> problems = problems(yaml);

        // then
        assertThat(problems).extracting(ConfigProblem::path).containsExactly("events.queues[0].url");
        assertThat(problems.get(0).toString()).contains(SecretKeys.HIDDEN)
                .doesNotContain("s3cr3tpassw0rd", "AKIAEXAMPLE", "deadbeefcafe");
    }

    @Test
    void toStringLeavesOutTheQueryOfAUrlBuiltDirectly() {
        // given: a record built in code bypasses the binder; its toString is what a log line would show
        EventQueueConfig queue = new EventQueueConfig(URI.create(QUEUE), null, null);

        // then
        assertThat(queue.toString()).contains("sqs.eu-west-1.amazonaws.com/123456789012/integration-events")
                .contains("region=eu-west-1");
    }

    private static List<ConfigProblem> problems(String yaml) {
        try {
            ConfigLoader.parse(yaml, "test.yaml", NO_ENV);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected the configuration to be rejected:\n" + yaml);
    }
}
