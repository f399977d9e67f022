package io.integrationmonitor.poll;

import static io.integrationmonitor.poll.Fixtures.ACCOUNT;
import static io.integrationmonitor.poll.Fixtures.NOW;
import static io.integrationmonitor.poll.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.integrationmonitor.config.RdsFilter;
import io.integrationmonitor.config.RdsIntegrationsSource;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DescribeIntegrationsRequest;
import software.amazon.awssdk.services.rds.model.DescribeIntegrationsResponse;
import software.amazon.awssdk.services.rds.model.Filter;
import software.amazon.awssdk.services.rds.model.Integration;

/**
 * The RDS poller's own rules, on scripted pages behind the SDK's real paginator (the stub answers only
 * {@code describeIntegrations}; the paginator is the interface's own). The wire is covered end to end by
 * {@code RdsIntegrationsEndToEndTest}.
 */
class RdsIntegrationsPollerTest {
    private static final RdsIntegrationsSource SOURCE = new RdsIntegrationsSource(true, Duration.ofMinutes(1), 20,
            List.of(new RdsFilter("status", List.of("failed", "needs_attention"))), null, null);

    private final StubRds rds = new StubRds();

    @Test
    void thePaginatorFollowsMarkersAndPassesPageSizeAndFilters() throws Exception {
        // given four pages chained by markers
        rds.then(page("m1", integration("a", "active"))).then(page("m2", integration("b", "failed")))
                .then(page("m3")).then(page(null, integration("d", "needs_attention")));

        // when
        Snapshot snapshot = poller(SOURCE, 100).poll();

        // then
        assertThat(snapshot.pages()).isEqualTo(4);
        assertThat(snapshot.observedAt()).isEqualTo(NOW);
        assertThat(snapshot.target()).isEqualTo(new PollTarget(Source.RDS_INTEGRATIONS, ACCOUNT, REGION));
        assertThat(snapshot.resources()).extracting(ObservedResource::name).containsExactly("a", "b", "d");
        assertThat(snapshot.resources()).extracting(ObservedResource::status)
                .containsExactly(ResourceStatus.ACTIVE, ResourceStatus.FAILED, ResourceStatus.NEEDS_ATTENTION);
        assertThat(rds.requests).extracting(DescribeIntegrationsRequest::marker).containsExactly(null, "m1", "m2", "m3");
        assertThat(rds.requests).allSatisfy(r -> {
            assertThat(r.maxRecords()).isEqualTo(20);
            assertThat(r.filters()).containsExactly(Filter.builder().name("status").values("failed", "needs_attention")
                    .build());
        });
    }

    @ParameterizedTest
    @CsvSource({"creating, CREATING", "active, ACTIVE", "modifying, MODIFYING", "failed, FAILED",
        "deleting, DELETING", "syncing, SYNCING", "needs_attention, NEEDS_ATTENTION", "ACTIVE, UNKNOWN",
        "paused, UNKNOWN"})
    void statusesAreReadInLowerCase(String raw, ResourceStatus expected) throws Exception {
        // given
        rds.then(page(null, integration("x", raw)));

        // when
        Snapshot snapshot = poller(RdsIntegrationsSource.defaults(), 100).poll();

        // then
        assertThat(snapshot.resources()).singleElement().extracting(ObservedResource::status).isEqualTo(expected);
    }

    @Test
    void aRepeatedMarkerFailsInsteadOfLettingThePaginatorLoop() {
        // given the server hands back an earlier marker
        rds.then(page("m1", integration("a", "active"))).then(page("m2", integration("b", "active")))
                .then(page("m1", integration("a", "active")));

        // when / then
        assertThatThrownBy(() -> poller(SOURCE, 100).poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE);
                    assertThat(e.getMessage()).isEqualTo("RDS DescribeIntegrations page 3: "
                            + "Marker repeats an earlier page's, the listing would never end");
                });
        assertThat(rds.requests).hasSize(3);
    }

    @Test
    void thePageBudgetStopsTheListingBeforeItsNextCall() {
        // given a server that never stops paging
        for (int i = 0; i < 50; i++) {
            rds.then(page("m" + i));
        }

        // when / then
        assertThatThrownBy(() -> poller(SOURCE, 5).poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.POLL_BUDGET_EXCEEDED);
                    assertThat(e.getMessage()).startsWith("RDS DescribeIntegrations page 6: poll budget exceeded");
                });
        assertThat(rds.requests).hasSize(5);
    }

    @Test
    void aMissingArnIsAnInvalidResponseNamingTheMember() {
        // given
        rds.then(page("m1", integration("a", "active")))
                .then(page(null, integration("b", "active").toBuilder().integrationArn(null).build()));

        // when / then
        assertThatThrownBy(() -> poller(SOURCE, 100).poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE);
                    assertThat(e.getMessage())
                            .isEqualTo("RDS DescribeIntegrations page 2: Integrations[0].IntegrationArn is missing");
                });
    }

    @Test
    void aPageWithoutItsListIsAnInvalidResponseNotAnEmptyEstate() {
        // given
        rds.then(page("m1", integration("a", "failed"))).then(DescribeIntegrationsResponse.builder().build());

        // when / then
        assertThatThrownBy(() -> poller(SOURCE, 100).poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE);
                    assertThat(e.getMessage()).startsWith("RDS DescribeIntegrations page 2: Integrations is missing");
                });
    }

    @Test
    void aFailingCallNamesItsPage() {
        // given
        rds.then(page("m1", integration("a", "active")))
                .thenFail(Fixtures.serviceError("Throttling", 400));

        // when / then
        assertThatThrownBy(() -> poller(SOURCE, 100).poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.THROTTLED);
                    assertThat(e.getMessage()).startsWith("RDS DescribeIntegrations page 2: Throttling");
                });
    }

    private RdsIntegrationsPoller poller(RdsIntegrationsSource source, int maxPages) {
        return new RdsIntegrationsPoller(rds, source,
                Fixtures.context(Source.RDS_INTEGRATIONS, ResourceFilter.acceptAll(), maxPages));
    }

    private static DescribeIntegrationsResponse page(String marker, Integration... integrations) {
        return DescribeIntegrationsResponse.builder().marker(marker).integrations(integrations).build();
    }

    private static Integration integration(String name, String status) {
        return Integration.builder()
                .integrationArn("arn:aws:rds:eu-west-1:123456789012:integration:" + name)
                .integrationName(name)
                .status(status)
                .build();
    }

    /** Answers each call with the next scripted page (or exception), recording the requests. */
    private static final class StubRds implements RdsClient {
        final List<DescribeIntegrationsRequest> requests = new ArrayList<>();
        private final Deque<Object> answers = new ArrayDeque<>();

        StubRds then(DescribeIntegrationsResponse page) {
            answers.add(page);
            return this;
        }

        StubRds thenFail(RuntimeException error) {
            answers.add(error);
            return this;
        }

        @Override
        public DescribeIntegrationsResponse describeIntegrations(DescribeIntegrationsRequest request) {
            requests.add(request);
            Object answer = answers.poll();
            if (answer == null) {
                throw new AssertionError("unexpected DescribeIntegrations call " + request);
            }
            if (answer instanceof RuntimeException e) {
                throw e;
            }
            return (DescribeIntegrationsResponse) answer;
        }

        @Override
        public String serviceName() {
            return "rds";
        }

        @Override
        public void close() {
        }
    }
}
