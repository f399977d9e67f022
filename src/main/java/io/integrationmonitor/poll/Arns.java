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
}
