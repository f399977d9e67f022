package io.integrationmonitor.poll;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ARN helpers. */
final class Arns {
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    /** Longer than any integration ARN: a longer string is not parsed at all. */
    static final int MAX_INTEGRATION_ARN = 256;
    /**
     * {@code arn:PARTITION:SERVICE:REGION:ACCOUNT:integration:ID}; Glue's documentation also writes
     * {@code integration/ID}. The id is a UUID in practice; bounded to ARN-safe characters here.
     */
    private static final Pattern INTEGRATION_ARN = Pattern.compile(
            "arn:([a-z-]{3,16}):([a-z]{2,16}):[a-z]{2}(?:-[a-z]+)+-\\d{1,2}:\\d{12}:integration[:/][A-Za-z0-9._-]{1,128}");
    /** The partitions AWS runs (botocore's endpoints); an ARN of any other is no AWS resource. */
    private static final Set<String> PARTITIONS = Set.of(
            "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc");

    private Arns() {
    }

    /**
     * The account an ARN names (its fifth field, {@code arn:partition:service:region:account:resource});
     * empty when it names none (an S3 bucket's {@code arn:aws:s3:::bucket}) or is not an ARN.
     */
    static String accountId(String arn) {
        String[] fields = arn.split(":", 6);
        if (fields.length < 6 || !"arn".equals(fields[0])) {
            return "";
        }
        return ACCOUNT_ID.matcher(fields[4]).matches() ? fields[4] : "";
    }

    /**
     * The service of a zero-ETL integration ARN ({@code glue}, {@code rds}, {@code redshift}, ... as the ARN
     * spells it) of a known partition; empty for anything else, including a string too long to be one.
     */
    static Optional<String> integrationService(String arn) {
        if (arn == null || arn.length() > MAX_INTEGRATION_ARN) {
            return Optional.empty();
        }
        Matcher m = INTEGRATION_ARN.matcher(arn);
        return m.matches() && PARTITIONS.contains(m.group(1)) ? Optional.of(m.group(2)) : Optional.empty();
    }

    /** The part after the last ':' or '/', e.g. the id of an inbound integration or association. */
    static String lastSegment(String arn) {
        int cut = Math.max(arn.lastIndexOf(':'), arn.lastIndexOf('/'));
        return arn.substring(cut + 1);
    }

    /**
     * The account an ARN names (field 5 of {@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}), else
     * {@code fallback}: the ARN is what AWS says, so it wins over an account that could not be resolved.
     */
    static String accountOr(String arn, String fallback) {
        String[] fields = arn.split(":", 6);
        return fields.length == 6 && "arn".equals(fields[0]) && !fields[4].isEmpty() ? fields[4] : fallback;
    }
}
