package io.integrationmonitor.poll;

/** Checks for response members the monitor cannot do without; a missing one makes the page invalid. */
final class Required {
    private Required() {
    }

    /**
     * @param where "Glue DescribeIntegrations page 3"
     * @param field "Integrations[2].IntegrationArn"
     */
    static <T> T member(T value, String where, String field) throws PollFailedException {
        if (value == null || (value instanceof String s && s.isEmpty())) {
            throw new PollFailedException(PollErrorReason.INVALID_RESPONSE, where + ": " + field + " is missing", null);
        }
        return value;
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
