package io.integrationmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretKeysTest {
    @Test
    void listedKeysAndEverythingBelowThemAreSecretOtherKeysAreNot() {
        assertThat(SecretKeys.isSecret("alerting.receivers[3].webhook.url")).isTrue();
        assertThat(SecretKeys.isSecret("alerting.receivers[0].webhook.headers.Authorization")).isTrue();
        assertThat(SecretKeys.isSecret("alerting.receivers[12].alertmanager.urls[1]")).isTrue();
        assertThat(SecretKeys.isSecret("http.auth.bearer_tokens[0]")).isTrue();
        assertThat(SecretKeys.isSecret("targets[0].external_id")).isTrue();
        assertThat(SecretKeys.isSecret("cluster.password")).isTrue();

        assertThat(SecretKeys.isSecret("alerting.receivers[0].sns.topic_arn")).isFalse();
        assertThat(SecretKeys.isSecret("alerting.receivers[0].webhook.url_x")).isFalse();
        assertThat(SecretKeys.isSecret("alerting.receivers[x].webhook.url")).isFalse();
        assertThat(SecretKeys.isSecret("cluster.username")).isFalse();
        assertThat(SecretKeys.isSecret("targets[0].role_arn")).isFalse();
    }

    @Test
    void aValidConfigPrintsNoSecretInItsToString() {
        // given: every kind of secret, written inline
        String yaml = """
                aws:
                  endpoints: {glue: "https://ep-user:SECRET-ep@glue.example/?X-Amz-Signature=SECRET-sig"}
                targets:
                  - role_arn: arn:aws:iam::123456789012:role/monitor
                    external_id: SECRET-external-id
                alerting:
                  receivers:
                    - name: hook
                      webhook:
                        url: "https://hooks.example/SECRET-hook"
                        hmac_secret: SECRET-hmac
                        headers: {Authorization: "Bearer SECRET-header"}
                    - name: slack
                      slack: {webhook_url: "https://hooks.slack.com/services/T0/B0/SECRET-slack"}
                    - name: am
                      alertmanager: {urls: ["https://am:SECRET-am@am.example:9093/?token=SECRET-amq"]}
                    - name: sns
                      sns: {topic_arn: "arn:aws:sns:us-east-1:123456789012:alerts"}
                cluster:
                  enabled: true
                  jdbc_url: "jdbc:postgresql://db.example:5432/monitor?password=SECRET-jdbc"
                  username: monitor
                  password: SECRET-password
                """;

        // when
        MonitorConfig config = ConfigLoader.parse(yaml, "secrets.yaml", Map.of());

        // then: the values were bound, and none is printed
        assertThat(config.cluster().password()).isEqualTo("SECRET-password");
        assertThat(config.alerting().receiver("hook").webhook().hmacSecret()).isEqualTo("SECRET-hmac");
        assertThat(config.toString())
                .doesNotContain("SECRET")
                .contains("glue.example", "db.example:5432/monitor", "arn:aws:sns:us-east-1:123456789012:alerts",
                        "arn:aws:iam::123456789012:role/monitor");
        assertThat(ValidateConfigCommand.summary(config)).noneMatch(line -> line.contains("SECRET"));
    }
}
