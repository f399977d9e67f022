package io.integrationmonitor.aws;

import io.integrationmonitor.config.TargetConfig;

/** Whose credentials a client uses. The external id is part of the identity but never printed. */
record Identity(String roleArn, String externalId, String sessionName) {
    private static final Identity DEFAULT_CHAIN = new Identity(null, null, null);

    static Identity of(TargetConfig target) {
        return target.roleArn() == null
                ? DEFAULT_CHAIN
                : new Identity(target.roleArn(), target.externalId(), target.sessionName());
    }

    /**
     * Whose request limits the identity's clients share: the role's account, or one key for the default
     * credentials (which also make the AssumeRole calls).
     */
    String limitKey() {
        return roleArn == null ? "default-credentials" : roleAccount(roleArn);
    }

    /** The account of a validated role ARN, {@code arn:PARTITION:iam::ACCOUNT:role/NAME}. */
    static String roleAccount(String roleArn) {
        return roleArn.split(":", 6)[4];
    }

    @Override
    public String toString() {
        return roleArn == null ? "the default credential chain" : "role " + roleArn;
    }
}
