package io.integrationmonitor.poll;

/** ARN helpers. */
final class Arns {
    private Arns() {
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
