package io.integrationmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever value is put at whatever key of a complete, valid file, the loader either accepts the
 * file or reports problems that show no Java or Jackson internals and no secret.
 */
class ProblemMessagesTest {
    private static final String ENV_SECRET = "Env-Secret-Value-4711";

    /** Valid, and using every section and every kind of value. */
    private static final String FULL = """
            aws:
              region: eu-west-1
              endpoints: {glue: "http://127.0.0.1:4566", appintegrations: "http://127.0.0.1:4566",
                          sns: "https://sns.example.test", sts: "http://localhost:4568/"}
              retry: {mode: adaptive, max_attempts: 3}
              api_call_timeout: 1m
              api_call_attempt_timeout: 15s
              max_connections: 10
              requests_per_second_per_account: 5.0
            targets:
              - account_id: "123456789012"
                role_arn: arn:aws:iam::123456789012:role/monitor
                external_id: ext-id-value
                session_name: im
                regions: [us-east-1, eu-west-1]
            sources:
              glue_integrations:
                interval: 1m
                page_size: 100
                filters: [{name: Status, values: [FAILED]}]
                max_pages: 10
                max_poll_duration: 5m
              glue_inbound_integrations:
                target_arn: arn:aws:redshift:us-east-1:123456789012:namespace:abc
              appintegrations: {enabled: true}
            filter: {include: ["orders-*"], exclude: ["*-test"], include_tags: {team: data}, exclude_tags: {x: y}}
            stuck: {creating: 10m, in_progress: 2h}
            http:
              bind_address: 127.0.0.1
              port: 9108
              web_config_file: /etc/im/web.yml
              auth: {bearer_tokens: ["a-bearer-token-long-enough"], protect_reads: true}
            state: {data_dir: /var/lib/im, event_retention: 7d}
            logging: {format: json, level: debug}
            alerting:
              repeat_interval: 4h
              group_cap: 20
              external_url: https://monitor.example/
              receivers:
                - {name: slack, slack: {webhook_url: "https://hooks.slack.com/services/T/B/x", channel: "#ops"}}
                - {name: sns, sns: {topic_arn: "arn:aws:sns:eu-west-1:123456789012:alerts", json: true}}
                - {name: am, alertmanager: {urls: ["http://am-0:9093"], resend_interval: 30s}}
                - name: hook
                  webhook: {url: "https://hooks.example/x", hmac_secret: hmac-value, headers: {X-Token: header-value}}
                - {name: log, log: {send_resolved: false}}
              routes:
                - match: {kind: [glue_integration], condition: [failed], status: [FAILED], account_id: ["123456789012"],
                          region: [us-east-1], name: ["orders-*"], tags: {team: data}}
                  receivers: [slack, sns]
                  continue: true
              default_receivers: [log]
              silences:
                - {matchers: {name: ["tmp-*"]}, starts_at: "2030-01-01T00:00:00Z", ends_at: "2030-01-02T00:00:00Z"}
                - {weekly: {days: [sat, sunday], start_time: "02:00", duration: 2h, time_zone: Europe/Paris}}
            cluster:
              enabled: true
              jdbc_url: "jdbc:postgresql://db.example:5432/monitor"
              username: monitor
              password: db-password-value
              pool_size: 10
              checkin_interval: 7500ms
            """;

    /** Each of the wrong kind, or of the right kind and wrong, somewhere. */
    private static final List<String> BAD_VALUES = List.of("[a, b]", "{a: 1}", "x", "1.5", "true", "''",
            "99999999999999999999", "'${SECRET}'", "'ftp://user:Url-Password-1@h:1/p?sig=Query-Secret-2'", "[~]");

    @Test
    void theCompleteFileIsValid() {
        assertThat(ConfigLoader.parse(FULL, "full.yaml", Map.of()).alerting().receivers()).hasSize(5);
    }

    @Test
    void noProblemShowsJavaInternalsOrASecretWhateverTheValueAtWhateverKey() throws Exception {
        // given
        JsonNode full = ConfigMapper.MAPPER.readTree(FULL);
        Set<String> forbidden = new TreeSet<>(List.of("java.", "com.fasterxml", "jackson", "io.integrationmonitor",
                "Exception", "class ", "`", "Cannot ", "null"));
        forbidden.addAll(recordNames(MonitorConfig.class, new TreeSet<>()));
        List<String> paths = new ArrayList<>();
        walk(full, "", paths::add);
        int rejected = 0;

        for (String path : paths) {
            List<String> values = new ArrayList<>(BAD_VALUES);
            if (SecretKeys.isSecret(path)) {
                values.addAll(List.of("[Inline-Secret-3]", "'ftp://Inline-Secret-3/x'", "'Inline-Secret-3 with spaces'",
                        "31415.9265"));
            }
            for (String value : values) {
                // when
                JsonNode mutated = full.deepCopy();
                replace(mutated, path, ConfigMapper.MAPPER.readTree("v: " + value).get("v"));
                String yaml = ConfigMapper.MAPPER.writeValueAsString(mutated);
                List<ConfigProblem> problems;
                try {
                    ConfigLoader.parse(yaml, "mutated.yaml", Map.of("SECRET", ENV_SECRET));
                    continue;
                } catch (ConfigException e) {
                    problems = e.problems();
                    rejected++;
                } catch (RuntimeException e) {
                    throw new AssertionError(path + " = " + value + " failed with something else than problems", e);
                }

                // then
                for (ConfigProblem problem : problems) {
                    String text = problem.toString();
                    for (String word : forbidden) {
                        if (text.contains(word)) {
                            fail("%s = %s: problem shows '%s': %s", path, value, word, text);
                        }
                    }
                    assertThat(text).as("%s = %s", path, value).doesNotContainIgnoringCase(ENV_SECRET)
                            .doesNotContainIgnoringCase("Url-Password-1").doesNotContainIgnoringCase("Query-Secret-2")
                            .doesNotContainIgnoringCase("Inline-Secret-3").doesNotContain("31415");
                }
            }
        }
        assertThat(rejected).as("mutations rejected").isGreaterThan(paths.size() * 3);
    }

    private static void walk(JsonNode node, String path, Consumer<String> paths) {
        if (!path.isEmpty()) {
            paths.accept(path);
        }
        if (node.isObject()) {
            node.properties().forEach(field -> walk(field.getValue(), KeyPaths.key(path, field.getKey()), paths));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), KeyPaths.index(path, i), paths);
            }
        }
    }

    /** Replaces the node at a path of {@link #walk}'s form. */
    private static void replace(JsonNode root, String path, JsonNode value) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        String parentPath = cut < 0 ? "" : path.substring(0, cut);
        JsonNode parent = parentPath.isEmpty() ? root : find(root, parentPath);
        if (cut >= 0 && path.charAt(cut) == '[') {
            ((ArrayNode) parent).set(Integer.parseInt(path.substring(cut + 1, path.length() - 1)), value);
        } else {
            ((ObjectNode) parent).set(path.substring(cut + 1), value);
        }
    }

    private static JsonNode find(JsonNode root, String path) {
        JsonNode node = root;
        for (String part : path.replace("[", ".[").split("\\.")) {
            node = part.startsWith("[") ? node.get(Integer.parseInt(part.substring(1, part.length() - 1)))
                    : node.get(part);
        }
        return node;
    }

    private static Set<String> recordNames(Class<?> record, Set<String> names) {
        if (names.add(record.getSimpleName())) {
            for (RecordComponent component : record.getRecordComponents()) {
                recordsIn(component.getGenericType(), names);
            }
        }
        return names;
    }

    private static void recordsIn(Type type, Set<String> names) {
        if (type instanceof Class<?> raw && raw.isRecord()) {
            recordNames(raw, names);
        } else if (type instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                recordsIn(argument, names);
            }
        }
    }
}
