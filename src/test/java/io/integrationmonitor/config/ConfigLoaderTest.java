package io.integrationmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {
    private static final Map<String, String> NO_ENV = Map.of();

    @ParameterizedTest
    @ValueSource(strings = {"", "# only a comment\n", "~\n", "---\n", "  \n"})
    void emptyDocumentMeansAllDefaults(String yaml) {
        // when
        MonitorConfig config = ConfigLoader.parse(yaml, "empty.yaml", NO_ENV);

        // then
        assertThat(config).isEqualTo(MonitorConfig.defaults());
        assertThat(config.targets()).containsExactly(TargetConfig.defaults());
        assertThat(config.sources().glueIntegrations().interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.http().port()).isEqualTo(9108);
    }

    @Test
    void fullFileBindsEveryKeyIntoTheRecords() {
        // given
        String yaml = """
                aws:
                  region: eu-west-1
                  endpoints:
                    glue: http://127.0.0.1:4566
                    appintegrations: http://127.0.0.1:4567
                    sns: https://sns.example.test
                    sts: http://localhost:4568/
                    sqs: http://127.0.0.1:4569
                    cloudwatch: http://127.0.0.1:4570
                  retry: {mode: ADAPTIVE, max_attempts: 3}
                  api_call_timeout: 1h30m
                  api_call_attempt_timeout: PT1M
                  max_connections: 20
                targets:
                  - account_id: 123456789012
                    role_arn: arn:aws:iam::123456789012:role/monitor
                    external_id: shh
                    session_name: im
                    regions: [us-east-1, eu-west-1]
                  - regions: [ap-southeast-2]
                sources:
                  glue_integrations:
                    enabled: false
                    interval: 1500ms
                    page_size: 7
                    filters:
                      - name: Status
                        values: [FAILED, NEEDS_ATTENTION]
                  glue_inbound_integrations:
                    interval: 2d
                    page_size: 1000
                    target_arn: arn:aws:redshift:us-east-1:123456789012:namespace:abc
                    integration_arn: arn:aws:glue:us-east-1:123456789012:integration:x
                  appintegrations: {enabled: true, interval: 5m, page_size: 1}
                filter:
                  include: ["orders-*"]
                  exclude: ["*-test"]
                  include_tags: {team: data, cost_center: 42}
                  exclude_tags: {monitoring: "off"}
                stuck: {creating: 10m, modifying: 0s, syncing: 1d, deleting: 30s, in_progress: 2h}
                http: {bind_address: 127.0.0.1, port: 0}
                state: {data_dir: /var/lib/im, event_retention: 7d}
                logging: {format: json, level: debug}
                """;

        // when
        MonitorConfig config = ConfigLoader.parse(yaml, "full.yaml", NO_ENV);

        // then
        assertThat(config.aws()).isEqualTo(new AwsConfig("eu-west-1",
                new EndpointsConfig(URI.create("http://127.0.0.1:4566"), URI.create("http://127.0.0.1:4567"),
                        URI.create("https://sns.example.test"), URI.create("http://localhost:4568/"), null, null,
                        URI.create("http://127.0.0.1:4569"), URI.create("http://127.0.0.1:4570")),
                new RetryConfig(RetryConfig.Mode.ADAPTIVE, 3), Duration.ofMinutes(90), Duration.ofMinutes(1), 20));
        assertThat(config.targets()).containsExactly(
                new TargetConfig("123456789012", "arn:aws:iam::123456789012:role/monitor", "shh", "im",
                        List.of("us-east-1", "eu-west-1")),
                new TargetConfig(null, null, null, null, List.of("ap-southeast-2")));
        assertThat(config.sources()).isEqualTo(new SourcesConfig(
                new GlueIntegrationsSource(false, Duration.ofMillis(1500), 7,
                        List.of(new GlueFilter("Status", List.of("FAILED", "NEEDS_ATTENTION")))),
                new GlueInboundIntegrationsSource(true, Duration.ofDays(2), 1000,
                        "arn:aws:redshift:us-east-1:123456789012:namespace:abc",
                        "arn:aws:glue:us-east-1:123456789012:integration:x"),
                new AppIntegrationsSource(true, Duration.ofMinutes(5), 1)));
        assertThat(config.filter()).isEqualTo(new FilterConfig(List.of("orders-*"), List.of("*-test"),
                Map.of("team", "data", "cost_center", "42"), Map.of("monitoring", "off")));
        assertThat(config.stuck()).isEqualTo(new StuckConfig(Duration.ofMinutes(10), Duration.ZERO,
                Duration.ofDays(1), Duration.ofSeconds(30), Duration.ofHours(2)));
        assertThat(config.http()).isEqualTo(new HttpConfig("127.0.0.1", 0));
        assertThat(config.state()).isEqualTo(new StateConfig(Path.of("/var/lib/im"), Duration.ofDays(7)));
        assertThat(config.logging()).isEqualTo(new LoggingConfig(LoggingConfig.Format.JSON, "DEBUG"));
    }

    @Test
    void unknownTopLevelKeyIsNamedWithTheAllowedKeys() {
        assertThat(problems("aws: {}\ntragets: []\n")).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("tragets");
            assertThat(problem.message()).contains("unknown key 'tragets'", "did you mean 'targets'?",
                    "aws, targets, sources, filter, stuck, http, state, logging");
        });
    }

    @Test
    void unknownNestedKeysInDifferentSectionsAreAllReported() {
        // given
        String yaml = """
                sources:
                  glue_integrations:
                    pageSize: 10
                targets:
                  - regions: [us-east-1]
                    role: arn:aws:iam::123456789012:role/x
                """;

        // then
        assertThat(problems(yaml)).extracting(ConfigProblem::path)
                .containsExactly("sources.glue_integrations.pageSize", "targets[0].role");
        assertThat(problems(yaml).get(0).message()).contains("did you mean 'page_size'?",
                "enabled, interval, page_size, filters");
    }

    @Test
    void anUnknownKeyDoesNotHideAProblemOfTheSameSection() {
        assertThat(problems("http: {prot: 80, port: 70000}\n")).extracting(ConfigProblem::path)
                .containsExactly("http.prot", "http.port");
    }

    @Test
    void aBadValueDoesNotHideAConstructorCheckOfAnotherKeyInTheSameSection() {
        // given: page_size is checked by the record's constructor, interval by the binder
        String yaml = "sources:\n  glue_integrations: {interval: soon, page_size: 0}\n";

        // then
        assertThat(problems(yaml)).extracting(ConfigProblem::path).containsExactly(
                "sources.glue_integrations.interval", "sources.glue_integrations.page_size");
    }

    @Test
    void wrongTypesAreErrorsNotCoercions() {
        // given
        String yaml = """
                http:
                  port: abc
                targets:
                  - regions: us-east-1
                    session_name: [a, b]
                sources:
                  appintegrations:
                    enabled: "yes"
                    page_size: 1.5
                logging:
                  format: xml
                """;

        // then
        assertThat(problems(yaml)).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                "http.port: expected an integer, got 'abc'",
                "targets[0].session_name: expected a string, got a list",
                "targets[0].regions: expected a list, got 'us-east-1'",
                "sources.appintegrations.enabled: expected true or false, got 'yes'",
                "sources.appintegrations.page_size: expected an integer, got 1.5 (a number)",
                "logging.format: must be one of text, json, got 'xml'");
        assertThat(problems("http: {port: \"8080\"}\n")).extracting(ConfigProblem::toString)
                .containsExactly("http.port: expected an integer, got the string '8080' (remove the quotes)");
    }

    @Test
    void aSectionThatIsNotAMappingIsAnError() {
        assertThat(problems("sources: 5\n")).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("sources");
            assertThat(problem.message()).startsWith("expected a mapping with keys glue_integrations,");
        });
        assertThat(problems("- a\n- b\n")).singleElement()
                .satisfies(problem -> assertThat(problem.path()).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"5 minutes", "-1s", "10x", "1.5h", "30m1h", "PT", "60"})
    void badDurationIsAnErrorNamingTheKey(String duration) {
        // given
        String yaml = "sources:\n  glue_integrations:\n    interval: " + duration + "\n";

        // then
        assertThat(problems(yaml)).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("sources.glue_integrations.interval");
            assertThat(problem.message()).contains("duration");
        });
    }

    @Test
    void outOfRangePageSizeIsReportedAtItsFullPath() {
        // given
        String yaml = """
                sources:
                  glue_integrations: {page_size: 0}
                  appintegrations: {page_size: 51}
                """;

        // then
        assertThat(problems(yaml)).extracting(ConfigProblem::toString).containsExactly(
                "sources.glue_integrations.page_size: must be between 1 and 1000, got 0",
                "sources.appintegrations.page_size: must be between 1 and 50, got 51");
    }

    @Test
    void constructorValidationOfListElementsCarriesTheIndex() {
        // given
        String yaml = """
                targets:
                  - regions: [us-east-1]
                  - role_arn: arn:aws:iam::123:role/x
                    regions: [mars-1]
                """;

        // then: a compact constructor stops at its first problem
        assertThat(problems(yaml)).extracting(ConfigProblem::path).containsExactly("targets[1].role_arn");
        assertThat(problems("targets:\n  - regions: [Mars]\n")).extracting(ConfigProblem::toString)
                .containsExactly("targets[0].regions[0]: must be an AWS region name (e.g. us-east-1), got 'Mars'");
    }

    @Test
    void accountIdContradictingTheRoleArnIsAnError() {
        // given
        String yaml = """
                targets:
                  - account_id: "111111111111"
                    role_arn: arn:aws:iam::222222222222:role/monitor
                """;

        // then
        assertThat(problems(yaml)).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("targets[0].account_id");
            assertThat(problem.message()).contains("contradicts role_arn", "222222222222");
        });
    }

    @Test
    void overlappingTargetsAreErrors() {
        // given: the same role twice in one region, and a pasted duplicate region
        String yaml = """
                targets:
                  - role_arn: arn:aws:iam::123456789012:role/a
                    regions: [us-east-1, eu-west-1]
                  - role_arn: arn:aws:iam::123456789012:role/a
                    session_name: other
                    regions: [eu-west-1]
                """;
        String duplicateRegion = "targets:\n  - regions: [us-east-1, us-east-1]\n";

        // then
        assertThat(problems(yaml)).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("targets[1]");
            assertThat(problem.message()).contains("overlaps targets[0]", "eu-west-1");
        });
        assertThat(problems(duplicateRegion)).extracting(ConfigProblem::toString)
                .containsExactly("targets[0].regions[1]: duplicates targets[0].regions[0]");
    }

    @Test
    void crossFieldChecksOfSectionsAreReported() {
        // given
        String yaml = """
                aws: {api_call_timeout: 10s, api_call_attempt_timeout: 30s}
                sources:
                  glue_integrations: {enabled: false}
                  glue_inbound_integrations: {enabled: false}
                  appintegrations: {enabled: false}
                  rds_integrations: {enabled: false}
                  redshift_integrations: {enabled: false}
                  redshift_inbound_integrations: {enabled: false}
                """;

        // then
        assertThat(problems(yaml)).extracting(ConfigProblem::toString).containsExactly(
                "aws.api_call_attempt_timeout: must not exceed api_call_timeout, which covers every attempt"
                        + " of a call; got 30s > 10s",
                "sources: every source is disabled, so nothing would be polled: enable at least one of"
                        + " glue_integrations, glue_inbound_integrations, appintegrations, rds_integrations,"
                        + " redshift_integrations, redshift_inbound_integrations");
    }

    @Test
    void enumsAreCaseInsensitive() {
        MonitorConfig config = ConfigLoader.parse("aws: {retry: {mode: Adaptive}}\nlogging: {format: JSON}\n",
                "enums.yaml", NO_ENV);

        assertThat(config.aws().retry().mode()).isEqualTo(RetryConfig.Mode.ADAPTIVE);
        assertThat(config.logging().format()).isEqualTo(LoggingConfig.Format.JSON);
    }

    @Test
    void environmentVariablesAreInterpolatedWithDefaultsAndEscapes() {
        // given
        String yaml = """
                aws:
                  region: ${REGION}
                  endpoints: {glue: "http://${HOST:-localhost}:${PORT}/x"}
                  max_connections: ${CONNECTIONS}
                targets:
                  - external_id: ${EXTERNAL_ID}
                    session_name: "literal-$${NOT_A_VAR}"
                http: {port: "${HTTP_PORT:-9200}", bind_address: "${EMPTY:-127.0.0.1}"}
                """;
        Map<String, String> env = Map.of("REGION", "eu-central-1", "PORT", "4566", "CONNECTIONS", "3",
                "EXTERNAL_ID", "s3cr3t", "EMPTY", "");

        // when
        MonitorConfig config = ConfigLoader.parse(yaml, "env.yaml", env);

        // then
        assertThat(config.aws().region()).isEqualTo("eu-central-1");
        assertThat(config.aws().endpoints().glue()).isEqualTo(URI.create("http://localhost:4566/x"));
        assertThat(config.aws().maxConnections()).isEqualTo(3);
        assertThat(config.targets().get(0).externalId()).isEqualTo("s3cr3t");
        assertThat(config.targets().get(0).sessionName()).isEqualTo("literal-${NOT_A_VAR}");
        assertThat(config.http()).isEqualTo(new HttpConfig("127.0.0.1", 9200));
    }

    @Test
    void missingVariableWithoutDefaultIsAProblemNamingTheKey() {
        // given
        String yaml = """
                targets:
                  - external_id: ${EXTERNAL_ID}
                    session_name: ${A}-${B}
                """;

        // then: every missing variable is reported
        assertThat(problems(yaml)).extracting(ConfigProblem::toString).containsExactly(
                "targets[0].external_id: environment variable EXTERNAL_ID is not set"
                        + " (give a default with ${EXTERNAL_ID:-default})",
                "targets[0].session_name: environment variable A is not set (give a default with ${A:-default})",
                "targets[0].session_name: environment variable B is not set (give a default with ${B:-default})");
        assertThat(problems("http: {bind_address: \"${OOPS\"}\n")).extracting(ConfigProblem::path)
                .containsExactly("http.bind_address");
    }

    @Test
    void interpolatedValuesNeverAppearInAnyMessage() {
        // given: secrets that are invalid where they are used, so that every kind of message is produced
        String secret = "hunter2-very-secret-token";
        String yaml = """
                aws:
                  endpoints:
                    glue: ftp://${SECRET}
                    sns: "${SECRET} with spaces"
                  max_connections: ${SECRET}
                  retry: {mode: "${SECRET}"}
                targets:
                  - account_id: ${SECRET}
                  - role_arn: ${SECRET}
                sources:
                  glue_integrations: {interval: "${SECRET}"}
                state: {event_retention: "${SECRET}"}
                logging: {level: "x${SECRET}"}
                """;

        // when
        ConfigException failure = failure(yaml, Map.of("SECRET", secret));

        // then
        assertThat(failure.problems()).hasSizeGreaterThanOrEqualTo(8);
        assertThat(failure.getMessage()).doesNotContain("hunter2").contains("value from ${SECRET}");
        assertThat(failure.problems()).allSatisfy(problem ->
                assertThat(problem.toString()).doesNotContain("hunter2").doesNotContain("HUNTER2"));
    }

    @Test
    void interpolatedNumbersMustStillBeNumbers() {
        assertThat(problems("http: {port: \"${PORT}\"}\n", Map.of("PORT", "80a"))).extracting(ConfigProblem::toString)
                .containsExactly("http.port: expected an integer, got value from ${PORT}");
    }

    @Test
    void syntaxErrorsAndDuplicateKeysAreReportedWithTheirLine() {
        assertThat(problems("http:\n  port: 1\n  port: 2\n")).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("port", "line 3"));
        assertThat(problems("http: [unclosed\n")).singleElement()
                .satisfies(problem -> assertThat(problem.message()).startsWith("invalid YAML"));
        assertThat(problems("a: 1\n---\nb: 2\n")).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("only one YAML document"));
    }

    @Test
    void loadReadsAFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
        // given
        Path good = Files.writeString(dir.resolve("good.yaml"), "http: {port: 9999}\n");
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "http: {port: 99999}\n");

        // then
        assertThat(ConfigLoader.load(good, NO_ENV).http().port()).isEqualTo(9999);
        assertThatThrownBy(() -> ConfigLoader.load(bad, NO_ENV)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(bad.toString()).hasMessageContaining("http.port: must be between 0 and 65535");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.yaml"), NO_ENV))
                .isInstanceOf(ConfigException.class).hasMessageContaining("file not found");
    }

    private static List<ConfigProblem> problems(String yaml) {
        return problems(yaml, NO_ENV);
    }

    private static List<ConfigProblem> problems(String yaml, Map<String, String> env) {
        return failure(yaml, env).problems();
    }

    private static ConfigException failure(String yaml, Map<String, String> env) {
        try {
            ConfigLoader.parse(yaml, "test.yaml", env);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected the configuration to be rejected:\n" + yaml);
    }
}
