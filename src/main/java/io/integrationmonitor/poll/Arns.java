package io.integrationmonitor.poll;

import java.util.regex.Pattern;

/** ARN helpers. */
final class Arns {
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

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
