package io.integrationmonitor.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

final class Fixtures {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private Fixtures() {
    }

    static PollContext context(Source source) {
        return context(source, ResourceFilter.acceptAll(), 2_000);
    }

    static PollContext context(Source source, ResourceFilter filter, int maxPages) {
        return new PollContext(new PollTarget(source, ACCOUNT, REGION), filter, new StatusNormalizer(),
                Clock.fixed(NOW, ZoneOffset.UTC), new PollBudget(maxPages, Duration.ofHours(1), "sources.test"));
    }

    static AwsServiceException serviceError(String code, int status) {
        return AwsServiceException.builder()
                .statusCode(status)
                .message("something went wrong")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).serviceName("Glue")
                        .errorMessage("something went wrong").build())
                .build();
    }
}
