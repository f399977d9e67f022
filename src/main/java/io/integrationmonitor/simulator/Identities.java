package io.integrationmonitor.simulator;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps access keys to accounts and decides who may assume which role. Signatures are never verified:
 * the access key in the SigV4 credential scope only selects the account whose estate the caller sees.
 * Keys issued by AssumeRole belong to the role's account; any other key belongs to the default account.
 */
public final class Identities {
    private final String defaultAccount;
    private final Map<String, Caller> issuedKeys = new ConcurrentHashMap<>();
    private final Set<String> deniedRoles = ConcurrentHashMap.newKeySet();
    private final Map<String, String> requiredExternalIds = new ConcurrentHashMap<>();

    public Identities(String defaultAccount) {
        this.defaultAccount = Objects.requireNonNull(defaultAccount);
    }

    public String defaultAccount() {
        return defaultAccount;
    }

    /** AssumeRole on this role ARN is refused with AccessDenied. */
    public void denyRole(String roleArn) {
        deniedRoles.add(roleArn);
    }

    /** AssumeRole on this role ARN succeeds only with this ExternalId. */
    public void requireExternalId(String roleArn, String externalId) {
        requiredExternalIds.put(roleArn, externalId);
    }

    public void clearPolicies() {
        deniedRoles.clear();
        requiredExternalIds.clear();
    }

    public Caller callerFor(String accessKeyId) {
        Caller issued = accessKeyId == null ? null : issuedKeys.get(accessKeyId);
        if (issued != null) {
            return issued;
        }
        return new Caller(defaultAccount, "arn:aws:iam::" + defaultAccount + ":user/simulator", "AIDASIMULATORUSER0001");
    }

    /** Null when allowed, else the reason AssumeRole is refused. */
    String refusal(String roleArn, String externalId) {
        if (deniedRoles.contains(roleArn)) {
            return "is not authorized to perform: sts:AssumeRole on resource: " + roleArn;
        }
        String required = requiredExternalIds.get(roleArn);
        if (required != null && !required.equals(externalId)) {
            return "is not authorized to perform: sts:AssumeRole on resource: " + roleArn;
        }
        return null;
    }

    void register(String accessKeyId, Caller caller) {
        issuedKeys.put(accessKeyId, caller);
    }
}
