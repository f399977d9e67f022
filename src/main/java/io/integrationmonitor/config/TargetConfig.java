package io.integrationmonitor.config;

import java.util.List;

/**
 * One AWS account to watch, in one or more regions.
 *
 * @param accountId   the account id for metric labels; null: asked of STS GetCallerIdentity at start
 * @param roleArn     role to assume through STS; null: the default credential chain's identity
 * @param externalId  external id for the role's trust policy (a secret: never logged)
 * @param sessionName role session name
 * @param regions     regions to poll; empty: {@code aws.region}, else the SDK's region chain
 */
public record TargetConfig(String accountId, String roleArn, String externalId, String sessionName, List<String> regions) {
    public TargetConfig {
        regions = regions == null ? List.of() : List.copyOf(regions);
        sessionName = sessionName == null ? "integration-monitor" : sessionName;
        if (accountId != null && !accountId.matches("\\d{12}")) {
            throw KeyProblem.at("account_id", "must be 12 digits").got(accountId).exception();
        }
        if (roleArn != null && !roleArn.matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+")) {
            throw KeyProblem.at("role_arn", "must be an IAM role ARN (arn:aws:iam::123456789012:role/NAME)")
                    .got(roleArn).exception();
        }
        if (accountId != null && roleArn != null && !accountId.equals(roleAccount(roleArn))) {
            throw KeyProblem.at("account_id", accountId + " contradicts role_arn, whose account is "
                    + roleAccount(roleArn) + " (account_id may be left out: it is taken from role_arn)")
                    .involving("role_arn").exception();
        }
        // STS's own constraint on ExternalId; checked here so that a typo fails at start, not at every poll.
        if (externalId != null && !externalId.matches("[\\w+=,.@:/-]{2,1224}")) {
            throw KeyProblem.at("external_id", "must be 2 to 1224 letters, digits or +=,.@:/-_ "
                    + SecretKeys.HIDDEN).exception();
        }
        if (sessionName.isBlank()) {
            throw KeyProblem.at("session_name", "must not be empty").exception();
        }
        for (int i = 0; i < regions.size(); i++) {
            Validation.region(regions.get(i), "regions[" + i + "]");
        }
    }

    /** The account a role ARN belongs to (the validated form {@code arn:PARTITION:iam::ACCOUNT:role/NAME}). */
    private static String roleAccount(String roleArn) {
        return roleArn.split(":", 6)[4];
    }

    public static TargetConfig defaults() {
        return new TargetConfig(null, null, null, null, null);
    }

    @Override
    public String toString() {
        // externalId deliberately left out: it is a shared secret.
        return "TargetConfig[accountId=" + accountId + ", roleArn=" + roleArn + ", regions=" + regions + "]";
    }
}
