package io.integrationmonitor.aws;

import io.integrationmonitor.config.TargetConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Which account a target's resources are in. Thread-safe. */
final class AccountIds {
    private static final Logger log = LoggerFactory.getLogger(AccountIds.class);

    private final Function<TargetConfig, String> callerAccount;
    private final Map<Identity, String> resolved = new HashMap<>();

    /** @param callerAccount asks STS GetCallerIdentity with the target's credentials */
    AccountIds(Function<TargetConfig, String> callerAccount) {
        this.callerAccount = callerAccount;
    }

    /** See {@link AwsClientFactory#knownAccountId}. */
    static String known(TargetConfig target) {
        if (target.accountId() != null) {
            return target.accountId();
        }
        return target.roleArn() == null ? null : Identity.roleAccount(target.roleArn());
    }

    /** See {@link AwsClientFactory#accountIdFor}. */
    String of(TargetConfig target) {
        String known = known(target);
        if (known != null) {
            return known;
        }
        Identity identity = Identity.of(target);
        synchronized (this) {
            String account = resolved.get(identity);
            if (account != null) {
                return account;
            }
        }
        // Outside the lock: an STS call may take seconds, and the answer is the same whoever asks first.
        String account = callerAccount.apply(target);
        synchronized (this) {
            resolved.put(identity, account);
        }
        log.info("resolved account {} for {} through STS GetCallerIdentity", account, identity);
        return account;
    }
}
