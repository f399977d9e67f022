package io.integrationmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** README: "every problem in the file is reported at once", and none of them twice or as an echo of another. */
class EveryProblemAtOnceTest {
    @Test
    void namingMistakesAnUnknownConditionAndABadTimeZoneAreAllReportedTogether() {
        // given: four independent mistakes, each of which used to be reported only when alone in the file
        String yaml = """
                alerting:
                  receivers:
                    - {name: ops, log: {}}
                    - {name: ops, log: {}}
                  routes:
                    - match: {kind: glue_integration}
                      receivers: [opz]
                    - match: {condition: [faild]}
                      receivers: [ops]
                  silences:
                    - matchers: {name: ["orders-*"]}
                      weekly: {days: [sat], start_time: "02:00", duration: 2h, time_zone: Mars/Olympus_Mons}
                """;

        // then: exactly the four, in the order of the file; no "ends_at is required" for the failed weekly
        assertThat(problems(yaml)).extracting(ConfigProblem::toString).containsExactly(
                "alerting.routes[1].match.condition[0]: must be one of execution_failed, failed, lagging, needs_attention,"
                        + " poll_failing, stale, stuck, table_ingestion_failed, tables_failing, got 'faild'",
                "alerting.silences[0].weekly.time_zone: unknown time zone, got 'Mars/Olympus_Mons'",
                "alerting.receivers[1].name: duplicate receiver name 'ops' (also receivers[0])",
                "alerting.routes[0].receivers: unknown receiver 'opz'");
    }

    @Test
    void aMisspelledStatusInAMatchIsRefusedWithTheVocabulary() {
        // given: a route whose status would otherwise silently match nothing
        String yaml = """
                alerting:
                  receivers:
                    - {name: ops, log: {}}
                  routes:
                    - match: {status: [FAILED, FIALED, throttled]}
                      receivers: [ops]
                """;

        // then: the one misspelling, with what it may be
        assertThat(problems(yaml)).extracting(ConfigProblem::toString).singleElement().asString()
                .startsWith("alerting.routes[0].match.status[1]: must be one of ACTIVE, COMPLETED, CREATING,")
                .contains("throttled", "poll_budget_exceeded")
                .endsWith("got 'FIALED'");
    }

    @Test
    void aBadTimeZoneIsExactlyOneProblem() {
        // given
        String yaml = """
                alerting:
                  silences:
                    - weekly: {days: [sun], start_time: "03:00", duration: 1h, time_zone: Europe/Pariss}
                """;

        // then
        assertThat(problems(yaml)).extracting(ConfigProblem::toString)
                .containsExactly("alerting.silences[0].weekly.time_zone: unknown time zone, got 'Europe/Pariss'");
    }

    @Test
    void aProblemInOneListItemHidesNoProblemOfItsSiblings() {
        // given: three receivers, each wrong in its own way
        String yaml = """
                alerting:
                  receivers:
                    - {name: a, slack: {webhook_url: "ftp://x/y"}}
                    - {name: b, sns: {topic_arn: nope}}
                    - {name: c, webhook: {url: "https://hooks.example/x", send_resolved: "no"}}
                """;

        // then: one problem each, and no echo ("must have exactly one of", an unknown route receiver)
        assertThat(problems(yaml)).extracting(ConfigProblem::path).containsExactly(
                "alerting.receivers[0].slack.webhook_url",
                "alerting.receivers[1].sns.topic_arn",
                "alerting.receivers[2].webhook.send_resolved");
    }

    @Test
    void aCrossFieldCheckDoesNotEchoAValueThatFailed() {
        // given: api_call_timeout fails, so the constructor sees its default (60s) beside a valid 90s attempt
        String yaml = "aws: {api_call_timeout: 1 minute, api_call_attempt_timeout: 90s}\n";

        // then
        assertThat(problems(yaml)).extracting(ConfigProblem::path).containsExactly("aws.api_call_timeout");
    }

    @Test
    void aQuotedNumberIsNotAnIntegerAndTheProblemNamesTheKey() {
        assertThat(problems("alerting: {group_cap: \"5\"}\naws: {max_attempts_typo: 1, max_connections: '7'}\n"))
                .extracting(ConfigProblem::toString).contains(
                        "alerting.group_cap: expected an integer, got the string '5' (remove the quotes)",
                        "aws.max_connections: expected an integer, got the string '7' (remove the quotes)");
        assertThat(problems("aws: {requests_per_second_per_account: \"2.5\"}\n")).extracting(ConfigProblem::toString)
                .containsExactly("aws.requests_per_second_per_account: expected a number, got '2.5'");
    }

    @Test
    void aTabNamesTheLineAndColumnWhereItIs() {
        // given: the tab opens line 4; the last good token is on line 3
        String yaml = "http:\n  port: 9108\n  bind_address: 127.0.0.1\n\tstate: {}\n";

        // then
        assertThat(problems(yaml)).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEmpty();
            assertThat(problem.message()).startsWith("invalid YAML: ").contains("TAB")
                    .endsWith("(line 4, column 1)");
        });
    }

    @Test
    void otherSyntaxErrorsNameWhereTheProblemIs() {
        assertThat(problems("sources:\n  glue_integrations: {interval: 1m\nhttp: {}\n")).singleElement()
                .satisfies(problem -> assertThat(problem.message()).startsWith("invalid YAML: ")
                        .doesNotContain("while parsing").contains("(line 3, column"));
    }

    @Test
    void anEmptyListItemOrMapValueIsAProblemAtItsPath() {
        assertThat(problems("filter: {include: [a, ~], include_tags: {team: ~}}\n"))
                .extracting(ConfigProblem::toString)
                .containsExactly("filter.include[1]: empty list item", "filter.include_tags.team: empty value");
    }

    @Test
    void aScalarIsAListOnlyWhereTheRecordSaysSo() {
        // given: match fields accept one value for a list, regions do not
        String yaml = """
                targets: [{regions: us-east-1}]
                alerting:
                  receivers: [{name: ops, log: {}}]
                  routes: [{match: {kind: glue_integration}, receivers: ops}]
                """;

        // then
        assertThat(problems(yaml)).extracting(ConfigProblem::toString).containsExactly(
                "targets[0].regions: expected a list, got 'us-east-1'",
                "alerting.routes[0].receivers: expected a list, got 'ops'");
    }

    @Test
    void anIntegerIsAStringButAFractionOrABooleanIsNot() {
        // when
        MonitorConfig config = ConfigLoader.parse("targets: [{account_id: 123456789012}]\n", "t.yaml", Map.of());

        // then
        assertThat(config.targets().get(0).accountId()).isEqualTo("123456789012");
        assertThat(problems("targets: [{session_name: 1.5}, {session_name: true}]\n"))
                .extracting(ConfigProblem::toString).containsExactly(
                        "targets[0].session_name: expected a string, got 1.5 (a number)",
                        "targets[1].session_name: expected a string, got true (a boolean)");
    }

    @Test
    void theSilencesApiBindsMatchersTheSameWay() {
        // given
        var node = ConfigMapper.MAPPER.createObjectNode().put("condition", "faild").put("nme", "x");

        // when
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigBinding.bind(node, MatchConfig.class, "matchers"));

        // then
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "matchers.nme: unknown key 'nme' (did you mean 'name'?); allowed keys here: kind, condition, status,"
                        + " account_id, region, name, tags",
                "matchers.condition[0]: must be one of execution_failed, failed, lagging, needs_attention,"
                        + " poll_failing, stale, stuck, table_ingestion_failed, tables_failing, got 'faild'");
    }

    private static List<ConfigProblem> problems(String yaml) {
        try {
            ConfigLoader.parse(yaml, "test.yaml", Map.of());
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected the configuration to be rejected:\n" + yaml);
    }
}
