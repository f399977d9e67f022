package io.integrationmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.StsException;

class SnsStsWireTest {
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:integration-alerts";

    private AwsSimulator simulator;
    private SdkClients clients;

    @BeforeEach
    void start() {
        simulator = AwsSimulator.start(0);
        clients = new SdkClients(simulator.endpoint());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void publishIsRecordedWithAttributesAndFifoGroup() {
        try (SnsClient sns = clients.sns()) {
            // when two messages are published, one to a FIFO topic
            String id = sns.publish(r -> r.topicArn(TOPIC).subject("orders-zetl-001 FAILED").message("{\"event\":\"FAILED\"}")
                    .messageAttributes(Map.of("severity", MessageAttributeValue.builder().dataType("String").stringValue("critical").build(),
                            "event_type", MessageAttributeValue.builder().dataType("String").stringValue("FAILED").build())))
                    .messageId();
            sns.publish(r -> r.topicArn(TOPIC + ".fifo").message("second").messageGroupId("orders-zetl-001")
                    .messageDeduplicationId("dedup-1"));

            // then both are recorded as sent
            assertThat(simulator.sns().messages()).hasSize(2);
            PublishedMessage first = simulator.sns().messages().get(0);
            assertThat(first.messageId()).isEqualTo(id);
            assertThat(first.topicArn()).isEqualTo(TOPIC);
            assertThat(first.subject()).isEqualTo("orders-zetl-001 FAILED");
            assertThat(first.message()).isEqualTo("{\"event\":\"FAILED\"}");
            assertThat(first.attributes()).containsEntry("severity", new PublishedMessage.MessageAttribute("String", "critical"))
                    .containsEntry("event_type", new PublishedMessage.MessageAttribute("String", "FAILED"));
            PublishedMessage fifo = simulator.sns().messages().get(1);
            assertThat(fifo.messageGroupId()).isEqualTo("orders-zetl-001");
            assertThat(fifo.messageDeduplicationId()).isEqualTo("dedup-1");
        }
    }

    @Test
    void publishIsValidatedLikeSns() {
        try (SnsClient sns = clients.sns()) {
            assertThatThrownBy(() -> sns.publish(r -> r.topicArn(TOPIC).subject("x".repeat(101)).message("m")))
                    .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
            assertThatThrownBy(() -> sns.publish(r -> r.topicArn(TOPIC + ".fifo").message("m")))
                    .isInstanceOf(InvalidParameterException.class);

            simulator.sns().requireExistingTopics(true);
            assertThatThrownBy(() -> sns.publish(r -> r.topicArn(TOPIC).message("m")))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
            simulator.sns().createTopic(TOPIC);
            sns.publish(r -> r.topicArn(TOPIC).subject("x".repeat(100)).message("m"));

            assertThat(simulator.sns().messages()).hasSize(1);
        }
    }

    @Test
    void assumedRoleSeesItsAccountsEstate() {
        // given a role that needs an external id, and estates in two accounts
        String role = "arn:aws:iam::111111111111:role/integration-monitor-read";
        simulator.identities().requireExternalId(role, "ext-123");
        simulator.estate().populate(new Partition("111111111111", "eu-central-1"), new EstateSpec(4, 0, 0, 0, 0));
        simulator.estate().populate(new Partition(Estate.DEFAULT_ACCOUNT, "eu-central-1"), new EstateSpec(2, 0, 0, 0, 0));

        try (StsClient sts = clients.sts()) {
            // when the role is assumed with the external id
            AssumeRoleResponse assumed = sts.assumeRole(r -> r.roleArn(role).roleSessionName("monitor").externalId("ext-123")
                    .durationSeconds(900));
            assertThat(assumed.credentials().expiration()).isAfter(Instant.now());
            assertThat(assumed.assumedRoleUser().arn())
                    .isEqualTo("arn:aws:sts::111111111111:assumed-role/integration-monitor-read/monitor");

            // then Glue calls with the returned credentials see account 111111111111
            var creds = AwsSessionCredentials.create(assumed.credentials().accessKeyId(),
                    assumed.credentials().secretAccessKey(), assumed.credentials().sessionToken());
            try (GlueClient glue = clients.glue(creds, Region.EU_CENTRAL_1, false)) {
                assertThat(glue.describeIntegrations(r -> { }).integrations()).hasSize(4)
                        .allSatisfy(i -> assertThat(i.integrationArn()).contains(":111111111111:"));
            }
            // and the base credentials still see the default account
            try (GlueClient glue = clients.glue(SdkClients.BASE, Region.EU_CENTRAL_1, false)) {
                assertThat(glue.describeIntegrations(r -> { }).integrations()).hasSize(2);
            }
            assertThat(sts.getCallerIdentity().account()).isEqualTo(Estate.DEFAULT_ACCOUNT);
        }
    }

    @Test
    void deniedRoleOrWrongExternalIdIsAccessDenied() {
        String denied = "arn:aws:iam::222222222222:role/forbidden";
        String guarded = "arn:aws:iam::333333333333:role/guarded";
        simulator.identities().denyRole(denied);
        simulator.identities().requireExternalId(guarded, "right");

        try (StsClient sts = clients.sts()) {
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(denied).roleSessionName("monitor")))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    });
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(guarded).roleSessionName("monitor").externalId("wrong")))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }
}
