package io.integrationmonitor.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PollBudgetTest {
    private static final PollBudget BUDGET = new PollBudget(3, Duration.ofMinutes(5), "sources.glue_integrations");

    @Test
    void allowsPagesUpToTheLimitWithinTheTime() {
        assertThat(BUDGET.refusal(0, Duration.ZERO)).isNull();
        assertThat(BUDGET.refusal(2, Duration.ofMinutes(4))).isNull();
    }

    @Test
    void refusesThePageAfterTheLimitNamingTheSetting() {
        assertThat(BUDGET.refusal(3, Duration.ofSeconds(1))).isEqualTo("poll budget exceeded: 3 pages read and the"
                + " listing goes on; sources.glue_integrations.max_pages is 3");
    }

    @Test
    void refusesAPageOnceTheTimeIsUpNamingTheSetting() {
        assertThat(BUDGET.refusal(1, Duration.ofMinutes(5))).isEqualTo("poll budget exceeded: still paging after"
                + " 5m (1 pages); sources.glue_integrations.max_poll_duration is 5m");
        assertThat(BUDGET.refusal(1, Duration.ofMinutes(7))).contains("still paging after 7m");
    }

    @Test
    void aSpendCountsPagesAndFailsThePollAtTheLimit() throws Exception {
        // given
        PollBudget.Spend spend = BUDGET.start(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

        // when three pages are taken
        spend.nextPage("Glue DescribeIntegrations page 1");
        spend.nextPage("Glue DescribeIntegrations page 2");
        spend.nextPage("Glue DescribeIntegrations page 3");

        // then the fourth fails the poll with its own reason
        assertThat(spend.pages()).isEqualTo(3);
        assertThatThrownBy(() -> spend.nextPage("Glue DescribeIntegrations page 4"))
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.POLL_BUDGET_EXCEEDED);
                    assertThat(e.getMessage()).startsWith("Glue DescribeIntegrations page 4: poll budget exceeded");
                });
        assertThat(spend.pages()).isEqualTo(3);
    }

    @Test
    void aSpendMeasuresTimeFromTheStartOfThePoll() throws Exception {
        // given a clock that the test moves
        StepClock clock = new StepClock();
        PollBudget budget = new PollBudget(100, Duration.ofSeconds(10), "sources.appintegrations");
        PollBudget.Spend spend = budget.start(clock);

        // when the first pages come in before the deadline
        spend.nextPage("page 1");
        clock.advance(Duration.ofSeconds(9));
        spend.nextPage("page 2");
        clock.advance(Duration.ofSeconds(1));

        // then the page after the deadline is refused
        assertThatThrownBy(() -> spend.nextPage("page 3"))
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.POLL_BUDGET_EXCEEDED);
                    assertThat(e.getMessage()).isEqualTo("page 3: poll budget exceeded: still paging after 10s"
                            + " (2 pages); sources.appintegrations.max_poll_duration is 10s");
                });
    }

    @Test
    void aBudgetNeedsAtLeastOnePageAndSomeTime() {
        assertThatThrownBy(() -> new PollBudget(0, Duration.ofSeconds(1), "k"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PollBudget(1, Duration.ZERO, "k"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static final class StepClock extends Clock {
        private Instant now = Instant.parse("2026-01-02T03:04:05Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
