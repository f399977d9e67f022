package io.integrationmonitor.poll;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArnsTest {
    @Test
    void theAccountIsTheFifthFieldWhenTheArnNamesOne() {
        // given source ARNs of inbound integrations, then their account, or none
        assertThat(Arns.accountId("arn:aws:dynamodb:us-east-1:210987654321:table/orders")).isEqualTo("210987654321");
        assertThat(Arns.accountId("arn:aws-cn:rds:cn-north-1:123456789012:cluster:a:b")).isEqualTo("123456789012");
        assertThat(Arns.accountId("arn:aws:s3:::bucket")).isEmpty();
        assertThat(Arns.accountId("arn:aws:rds:us-east-1:not-an-account:cluster:a")).isEmpty();
        assertThat(Arns.accountId("arn:aws:rds")).isEmpty();
        assertThat(Arns.accountId("")).isEmpty();
        assertThat(Arns.accountId("urn:aws:rds:us-east-1:123456789012:cluster:a")).isEmpty();
    }
}
