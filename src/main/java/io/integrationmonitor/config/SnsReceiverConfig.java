package io.integrationmonitor.config;

/**
 * An SNS topic.
 *
 * @param topicArn      the topic; a name ending in {@code .fifo} gets a message group and deduplication id
 * @param region        region of the SNS client; null: the topic ARN's region
 * @param subjectPrefix prepended to the subject (email subscriptions), e.g. {@code [prod]}
 * @param json          publish with {@code MessageStructure=json}: readable text by default, a JSON document
 *                      for SQS, Lambda, HTTP(S) and Firehose subscriptions
 * @param sendResolved  also publish when an alert resolves
 */
public record SnsReceiverConfig(String topicArn, String region, String subjectPrefix, Boolean json, Boolean sendResolved) {
    public SnsReceiverConfig {
        Validation.required(topicArn, "topic_arn", "is required");
        if (!topicArn.matches("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_.-]+")) {
            throw KeyProblem.at("topic_arn", "must be an SNS topic ARN").got(topicArn).exception();
        }
        subjectPrefix = subjectPrefix == null ? "" : subjectPrefix;
        json = json != null && json;
        sendResolved = sendResolved == null || sendResolved;
    }

    /** The region to publish in: the configured one, else the topic's. */
    public String effectiveRegion() {
        return region != null ? region : topicArn.split(":")[3];
    }

    public boolean fifo() {
        return topicArn.endsWith(".fifo");
    }
}
