package io.integrationmonitor;

import java.time.Instant;

/**
 * EventBridge events as an EventBridge rule delivers them into SQS (the event JSON is the message body), in the
 * shapes the parser accepts (see {@code events.EventParser} for the documents they follow).
 */
final class AwsEventJson {
    private AwsEventJson() {
    }

    /** {@code AWS Glue Zero ETL Integration <what>}: Failed, Needs Attention, Resynced. */
    static String glueIntegration(String id, String what, String arn, Instant time) {
        return envelope(id, "AWS Glue Zero ETL Integration " + what, arn, time,
                "{\"integrationArn\":\"" + arn + "\"}");
    }

    static String glueTableFailed(String id, String arn, String table, String code, String message, Instant time) {
        return envelope(id, "AWS Glue Zero ETL Ingestion Failed", arn, time, "{\"integrationArn\":\"" + arn
                + "\",\"tableName\":\"" + table + "\",\"errorMessage\":\"" + message + "\",\"error_code\":\"" + code
                + "\"}");
    }

    static String glueTableCompleted(String id, String arn, String table, Instant time) {
        return envelope(id, "AWS Glue Zero ETL Ingestion Completed", arn, time, "{\"integrationArn\":\"" + arn
                + "\",\"tableName\":\"" + table + "\"}");
    }

    private static String envelope(String id, String detailType, String arn, Instant time, String detail) {
        String account = arn.split(":")[4];
        String region = arn.split(":")[3];
        return """
                {"version":"0","id":"%s","detail-type":"%s","source":"aws.glue-zero-etl","account":"%s",\
                "time":"%s","region":"%s","resources":["%s"],"detail":%s}""".formatted(id, detailType, account,
                time, region, arn, detail);
    }
}
