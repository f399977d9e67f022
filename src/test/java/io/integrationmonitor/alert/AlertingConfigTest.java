package io.integrationmonitor.alert;

import io.integrationmonitor.config.AlertingConfig;
import io.integrationmonitor.config.MonitorConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertingConfigTest {
    private static AlertingConfig read(String yaml) {
        return io.integrationmonitor.config.ConfigLoader.parse(yaml, "test").alerting();
    }

    @Test
    void defaultsToOneLogReceiver() {
        AlertingConfig c = MonitorConfig.defaults().alerting();
        assertThat(c.receivers()).singleElement().satisfies(r -> assertThat(r.type()).isEqualTo("log"));
        assertThat(c.defaultReceivers()).containsExactly("log");
        assertThat(c.repeatInterval()).isEqualTo(Duration.ofHours(4));
        assertThat(c.groupCap()).isEqualTo(20);
    }

    @Test
    void readsEveryReceiverTypeWithHumanDurations() throws Exception {
        AlertingConfig c = read("""
                alerting:
                  repeat_interval: 2h30m
                  receivers:
                    - {name: slack-a, slack: {webhook_url: "https://hooks.slack.com/services/T/B/xyz", send_resolved: false}}
                    - {name: slack-b, slack: {webhook_url: "https://hooks.slack.com/services/T/B/abc"}}
                    - {name: topic, sns: {topic_arn: "arn:aws:sns:eu-west-1:123456789012:alerts", json: true}}
                    - {name: am, alertmanager: {urls: ["http://am-0:9093", "http://am-1:9093"], resend_interval: 30s}}
                    - {name: hook, webhook: {url: "https://example.invalid/hook", hmac_secret: topsecret}}
                  routes:
                    - match: {kind: glue_integration, account_id: "123456789012"}
                      receivers: [slack-a, topic]
                      continue: true
                """);
        assertThat(c.repeatInterval()).isEqualTo(Duration.ofMinutes(150));
        assertThat(c.receivers()).extracting(r -> r.type()).containsExactly("slack", "slack", "sns", "alertmanager", "webhook");
        assertThat(c.receiver("slack-a").sendResolved()).isFalse();
        assertThat(c.receiver("topic").sns().effectiveRegion()).isEqualTo("eu-west-1");
        assertThat(c.receiver("am").alertmanager().resendInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.routes().get(0).continueMatching()).isTrue();
        assertThat(c.routes().get(0).match().accountId()).containsExactly("123456789012");
        assertThat(c.toString()).doesNotContain("xyz", "abc", "topsecret", "example.invalid");
    }

    @Test
    void rejectsMistakesNamingTheKey() {
        assertThatThrownBy(() -> read("""
                alerting:
                  receivers: [{name: a, log: {}}]
                  routes: [{match: {name: "x*"}, receivers: [b]}]
                """)).hasMessageContaining("routes[0].receivers: unknown receiver 'b'");
        assertThatThrownBy(() -> read("""
                alerting:
                  receivers: [{name: a, slack: {webhook_url: "ftp://x/y"}}]
                """)).hasMessageContaining("alerting.receivers[0].slack.webhook_url: must be an http(s) URL");
        assertThatThrownBy(() -> read("""
                alerting:
                  repeat_intervall: 1h
                """)).hasMessageContaining("repeat_intervall");
        assertThatThrownBy(() -> read("""
                alerting:
                  receivers: [{name: a, log: {}, webhook: {url: "http://x/"}}]
                """)).hasMessageContaining("exactly one of");
    }
}
