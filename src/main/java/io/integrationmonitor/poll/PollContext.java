package io.integrationmonitor.poll;

import java.time.Clock;
import java.util.Objects;

/** What every poller needs besides its client and source settings. */
record PollContext(PollTarget target, ResourceFilter filter, StatusNormalizer statuses, Clock clock,
                   PollBudget budget) {
    PollContext {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(statuses, "statuses");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(budget, "budget");
    }

    /**
     * The account a resource is labelled with: the target's, or when STS could not tell it
     * ({@link PollerFactory#UNKNOWN_ACCOUNT}), the account that {@code arn} names.
     */
    String accountOf(String arn) {
        String account = target.accountId();
        return PollerFactory.UNKNOWN_ACCOUNT.equals(account) ? Arns.accountOr(arn, account) : account;
    }
}
