package io.integrationmonitor.pipeline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The not-permitted decision of one target, poll by poll. */
class PermissionTest {
    private final Permission permission = new Permission();

    @Test
    void aRefusalBeforeAnyAnswerIsNotPermittedOnceThenStill() {
        // when the source's API refuses the first two polls
        Permission.Verdict first = permission.failed(true);
        Permission.Verdict second = permission.failed(true);

        // then
        assertThat(first).isEqualTo(Permission.Verdict.NOT_PERMITTED);
        assertThat(second).isEqualTo(Permission.Verdict.STILL_NOT_PERMITTED);
    }

    @Test
    void aRefusalAfterAnAnswerIsAFailingPoll() {
        // given the source answered once
        assertThat(permission.answered()).as("nothing to announce").isFalse();

        // when it refuses afterwards (permissions revoked)
        Permission.Verdict verdict = permission.failed(true);

        // then it is an incident like any failure, and polls go on every interval
        assertThat(verdict).isEqualTo(Permission.Verdict.FAILED);
        assertThat(permission.probeDue()).isTrue();
    }

    @Test
    void anyOtherFailureIsAFailingPollEvenBeforeAnAnswer() {
        // when the credentials are refused (AssumeRole, expired token: not the source's refusal)
        Permission.Verdict verdict = permission.failed(false);

        // then
        assertThat(verdict).isEqualTo(Permission.Verdict.FAILED);
        assertThat(permission.probeDue()).isTrue();
    }

    @Test
    void whileNotPermittedEveryTenthRunAsksAgain() {
        // given
        permission.failed(true);

        // when 30 runs are scheduled, each refused when it asks
        List<Integer> asked = new ArrayList<>();
        for (int run = 1; run <= 30; run++) {
            if (permission.probeDue()) {
                asked.add(run);
                permission.failed(true);
            }
        }

        // then
        assertThat(asked).containsExactly(10, 20, 30);
    }

    @Test
    void anAnswerAfterNotPermittedIsAGrantAnnouncedOnceAndPollsEveryIntervalAgain() {
        // given
        permission.failed(true);

        // when the API answers (a grant), and again
        boolean first = permission.answered();
        boolean second = permission.answered();

        // then
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(permission.probeDue()).isTrue();
        assertThat(permission.failed(true)).as("a refusal now is a revocation").isEqualTo(Permission.Verdict.FAILED);
    }

    @Test
    void aDifferentFailureEndsTheSpellAndALaterRefusalIsNewsAgain() {
        // given
        permission.failed(true);

        // when a poll fails for another reason (throttled), then is refused again
        Permission.Verdict other = permission.failed(false);
        Permission.Verdict refusedAgain = permission.failed(true);

        // then
        assertThat(other).isEqualTo(Permission.Verdict.FAILED);
        assertThat(refusedAgain).isEqualTo(Permission.Verdict.NOT_PERMITTED);
    }
}
