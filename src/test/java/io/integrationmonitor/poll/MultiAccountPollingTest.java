package io.integrationmonitor.poll;

import ch.qos.logback.classic.Level;
import io.integrationmonitor.alert.AlertView;
import io.integrationmonitor.alert.evaluate.Condition;
import io.integrationmonitor.detect.EventListener;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.PollCompleted;
import io.integrationmonitor.detect.PollFailed;
import io.integrationmonitor.pipeline.PollRunner;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.Operation;
import io.integrationmonitor.simulator.Partition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.integrationmonitor.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.integrationmonitor.poll.MultiAccountFixture.ACCOUNTS;
import static io.integrationmonitor.poll.MultiAccountFixture.REGIONS;
import static io.integrationmonitor.poll.MultiAccountFixture.externalId;
import static io.integrationmonitor.poll.MultiAccountFixture.roleArn;
import static io.integrationmonitor.poll.MultiAccountFixture.sum;
import static org.assertj.core.api.Assertions.assertThat;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many accounts and regions from one process, end to end through the real SDK against the simulator:
 * role assumption with external ids, isolation of a denied or slow account, and the client-side limits.
 */
class MultiAccountPollingTest {
    private static final EstateSpec SMALL = new EstateSpec(2, 1, 1, 1, 0);
    private static final String DENIED = ACCOUNTS.get(1);

    // DEBUG too: repeated poll failures are logged there, with their messages
    @RegisterExtension
    final LogCapture logs = LogCapture.root().withLevel("io.integrationmonitor", Level.DEBUG);
    private MultiAccountFixture fixture;

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
        // No external id, in any log line or its exception, in any test
        for (String text : logs.textsWithStackTraces()) {
            for (String account : ACCOUNTS) {
                assertThat(text).doesNotContain(externalId(account));
            }
        }
    }

    @Test
    void everyAccountAndRegionIsPolledThroughItsOwnRole() {
        // given three accounts, each behind a role that requires its external id, in two regions
        fixture = MultiAccountFixture.start(SMALL, "");

        // when polled twice
        List<PollRunner.Outcome> first = fixture.pollAll();
        List<PollRunner.Outcome> second = fixture.pollAll();

        // then every source x account x region is its own target and succeeded
        assertThat(first).hasSize(3 * ACCOUNTS.size() * REGIONS.size()).allMatch(PollRunner.Outcome::succeeded);
        assertThat(second).allMatch(PollRunner.Outcome::succeeded);
        assertThat(fixture.runners()).extracting(r -> r.target().accountId() + "/" + r.target().region())
                .containsOnlyElementsOf(partitions());
        // each account's estate is seen with its own account id, in the right target
        List<KnownResource> resources = fixture.monitor.store().allResources();
        int perPartition = SMALL.integrations() + SMALL.inboundIntegrations()
                + SMALL.dataIntegrations() * SMALL.associationsPerDataIntegration();
        assertThat(resources).hasSize(perPartition * ACCOUNTS.size() * REGIONS.size());
        assertThat(resources).allSatisfy(r -> {
            Partition fromArn = Partition.ofArn(r.arn());
            assertThat(r.resource().accountId()).isEqualTo(fromArn.account());
            assertThat(r.resource().region()).isEqualTo(fromArn.region());
        });
        assertThat(resources).extracting(r -> r.resource().accountId()).containsOnlyElementsOf(ACCOUNTS);
        // each role is assumed once (credentials are valid in every region), then its credentials are reused
        long assumed = fixture.simulator.calls().count(Operation.STS_ASSUME_ROLE);
        assertThat(assumed).isEqualTo(ACCOUNTS.size());
        String metrics = fixture.scrape();
        for (String account : ACCOUNTS) {
            assertThat(sum(metrics, "integration_monitor_poll_duration_seconds_count",
                    "account_id=\"" + account + "\"")).isEqualTo(2.0 * 3 * REGIONS.size());
        }
    }

    @Test
    void aDeniedAccountFailsAloneIsRetriedEveryPollAndRecovers() {
        // given the second account's role cannot be assumed
        fixture = MultiAccountFixture.start(SMALL, "");
        fixture.simulator.identities().denyRole(roleArn(DENIED));

        // when polled twice
        List<PollRunner.Outcome> first = fixture.pollAll();
        long assumeCallsAfterFirst = fixture.simulator.calls().count(Operation.STS_ASSUME_ROLE);
        List<PollRunner.Outcome> second = fixture.pollAll();

        // then only its polls failed, as access_denied, and the others reported normally
        for (List<PollRunner.Outcome> round : List.of(first, second)) {
            assertThat(round).filteredOn(o -> !o.succeeded()).hasSize(3 * REGIONS.size())
                    .allSatisfy(o -> {
                        assertThat(o.failed().target().accountId()).isEqualTo(DENIED);
                        assertThat(o.failed().reason()).isEqualTo(PollErrorReason.ACCESS_DENIED);
                        assertThat(o.failed().message()).doesNotContain(externalId(DENIED));
                    });
        }
        assertThat(fixture.monitor.store().allResources()).extracting(r -> r.resource().accountId())
                .doesNotContain(DENIED).contains(ACCOUNTS.get(0), ACCOUNTS.get(2));
        // the role was asked for again on the next poll
        assertThat(fixture.simulator.calls().count(Operation.STS_ASSUME_ROLE)).isGreaterThan(assumeCallsAfterFirst);
        // counted, and "monitor cannot poll" raised for exactly its targets
        String metrics = fixture.scrape();
        assertThat(sum(metrics, "integration_monitor_poll_errors_total",
                "account_id=\"" + DENIED + "\"", "reason=\"access_denied\"")).isEqualTo(2.0 * 3 * REGIONS.size());
        assertThat(sum(metrics, "integration_monitor_poll_errors_total", "account_id=\"" + ACCOUNTS.get(0) + "\""))
                .isZero();
        assertThat(pollFailing()).extracting(a -> a.alert().accountId()).hasSize(3 * REGIONS.size())
                .containsOnly(DENIED);
        assertThat(metrics).doesNotContain(externalId(DENIED));

        // when the denial is lifted
        MultiAccountFixture.allowRoles(fixture.simulator);
        List<PollRunner.Outcome> third = fixture.pollAll();

        // then it recovers: its estate appears and its alerts resolve
        assertThat(third).allMatch(PollRunner.Outcome::succeeded);
        assertThat(fixture.monitor.store().allResources()).extracting(r -> r.resource().accountId())
                .contains(DENIED);
        assertThat(pollFailing()).noneMatch(AlertView::firing);
    }

    @Test
    void aSlowAccountDoesNotHoldUpTheOthers() throws Exception {
        // given warm clients, then every call of the first account answers slowly
        fixture = MultiAccountFixture.start(SMALL, "  max_concurrent_polls: 8");
        assertThat(fixture.pollAll()).allMatch(PollRunner.Outcome::succeeded);
        String slow = ACCOUNTS.get(0);
        fixture.simulator.faults().addLatency(null, slow, Duration.ofSeconds(2));
        List<String> completionOrder = Collections.synchronizedList(new ArrayList<>());
        fixture.monitor.bus().subscribe(new EventListener() {
            @Override
            public void onPollCompleted(PollCompleted event) {
                completionOrder.add(event.snapshot().target().accountId());
            }

            @Override
            public void onPollFailed(PollFailed event) {
                completionOrder.add("failed " + event.target().accountId());
            }
        });

        // when every target is polled on a pool of max_concurrent_polls threads, the slow account's first
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<PollRunner> runners = new ArrayList<>(fixture.runners());
            runners.sort((a, b) -> Boolean.compare(!a.target().accountId().equals(slow),
                    !b.target().accountId().equals(slow)));
            List<Future<PollRunner.Outcome>> futures = new ArrayList<>();
            for (PollRunner runner : runners) {
                futures.add(pool.submit(runner::runOnce));
            }
            for (Future<PollRunner.Outcome> future : futures) {
                assertThat(future.get(60, TimeUnit.SECONDS).succeeded()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }

        // then every other account's poll completed before any of the slow account's
        int others = 3 * REGIONS.size() * (ACCOUNTS.size() - 1);
        assertThat(completionOrder).hasSize(fixture.runners().size());
        assertThat(completionOrder.subList(0, others)).doesNotContain(slow);
        assertThat(completionOrder.subList(others, completionOrder.size())).containsOnly(slow);
    }

    @Test
    void theClientSideRateKeepsAnAccountUnderAwsThrottling() {
        // given AWS throttles the first account beyond 8 requests/s after a burst of 4, across its regions
        // and services; the client allows 1/s after 1 per account, region and service: 4 lanes, 4/s, burst 4.
        // (Low rates on purpose: the control below must exceed the AWS limit however slow this machine is.)
        EstateSpec paged = new EstateSpec(4, 2, 4, 1, 2);
        fixture = MultiAccountFixture.start(paged, """
                  requests_per_second_per_account: 1
                  request_burst_per_account: 1
                """);
        String limited = ACCOUNTS.get(0);
        fixture.simulator.faults().rateLimit(limited, 8, 4);

        // when polled twice: the first round spends the bursts, the second runs at the rate
        int rounds = 2;
        for (int round = 0; round < rounds; round++) {
            assertThat(fixture.pollAll()).allMatch(PollRunner.Outcome::succeeded);
        }

        // then AWS never throttled: no attempt was refused, and no call was repeated
        String metrics = fixture.scrape();
        assertThat(sum(metrics, "integration_monitor_aws_requests_total", "outcome=\"throttled\"")).isZero();
        assertThat(fixture.simulator.calls().count(Operation.GLUE_DESCRIBE_INTEGRATIONS, limited))
                .isEqualTo(rounds * REGIONS.size() * 2L);
        assertThat(fixture.simulator.calls().count(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATION_ASSOCIATIONS, limited))
                .isEqualTo(rounds * REGIONS.size() * 4L);
        // and the waits were measured per service
        assertThat(sum(metrics, "integration_monitor_aws_rate_limit_wait_seconds_count",
                "service=\"appintegrations\"", "limit=\"rate\"")).isPositive();
        assertThat(sum(metrics, "integration_monitor_aws_rate_limit_wait_seconds_sum",
                "service=\"appintegrations\"", "limit=\"rate\"")).isPositive();
    }

    @Test
    void withoutTheClientSideRateTheSameLoadIsThrottled() {
        // given the same AWS limit, and a client rate far above it (the control of the test above)
        EstateSpec paged = new EstateSpec(4, 2, 4, 1, 2);
        fixture = MultiAccountFixture.start(paged, """
                  requests_per_second_per_account: 1000
                  request_burst_per_account: 1000
                  max_concurrent_requests_per_account: 50
                """);
        fixture.simulator.faults().rateLimit(ACCOUNTS.get(0), 8, 4);

        // when
        for (int round = 0; round < 2; round++) {
            fixture.pollAll();
        }

        // then
        assertThat(sum(fixture.scrape(), "integration_monitor_aws_requests_total", "outcome=\"throttled\""))
                .isPositive();
    }

    private List<AlertView> pollFailing() {
        return fixture.monitor.alerting().engine().alerts().stream()
                .filter(a -> a.alert().condition() == Condition.POLL_FAILING)
                .toList();
    }

    private static Set<String> partitions() {
        return ACCOUNTS.stream().flatMap(a -> REGIONS.stream().map(r -> a + "/" + r)).collect(Collectors.toSet());
    }
}
