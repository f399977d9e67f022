package io.integrationmonitor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.integrationmonitor.config.StuckConfig;
import io.integrationmonitor.detect.Detector;
import io.integrationmonitor.detect.EventBus;
import io.integrationmonitor.detect.EventListener;
import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.MonitorEvent;
import io.integrationmonitor.detect.PollCompleted;
import io.integrationmonitor.detect.PollFailed;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.PollErrors;
import io.integrationmonitor.poll.PollFailedException;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.Poller;
import io.integrationmonitor.poll.ResourceStatus;
import io.integrationmonitor.poll.Snapshot;
import io.integrationmonitor.poll.Source;
import io.integrationmonitor.state.Database;
import io.integrationmonitor.state.JdbcStateStore;
import io.integrationmonitor.state.TargetHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.rds.model.RdsException;

/** Routing of a targeted poll to the targets that can list an integration, and what each outcome leads to. */
class TargetedPollsTest {
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "us-east-1";
    private static final String GLUE_ARN = "arn:aws:glue:us-east-1:123456789012:integration:0b2c-glue";
    private static final String RDS_ARN = "arn:aws:rds:us-east-1:123456789012:integration:0b2c-rds";
    private static final String REDSHIFT_ARN = "arn:aws:redshift:us-east-1:123456789012:integration:0b2c-rs";

    private final Database database = Database.inMemory();
    private final JdbcStateStore store = new JdbcStateStore(database);
    private final EventBus bus = new EventBus();
    private final List<MonitorEvent> published = new ArrayList<>();
    private final List<PollTarget> fullPolls = new ArrayList<>();
    private final Map<PollTarget, FakePoller> pollers = new ConcurrentHashMap<>();
    private final List<PollRunner> runners = new ArrayList<>();

    TargetedPollsTest() {
        bus.subscribe(new EventListener() {
            @Override
            public void onPollCompleted(PollCompleted event) {
                published.add(event);
            }

            @Override
            public void onPollFailed(PollFailed event) {
                published.add(event);
            }
        });
        // every source in the home account and region, and Glue's in another account and another region
        for (Source source : Source.values()) {
            add(new PollTarget(source, ACCOUNT, REGION));
        }
        add(new PollTarget(Source.GLUE_INTEGRATIONS, "210987654321", REGION));
        add(new PollTarget(Source.GLUE_INTEGRATIONS, ACCOUNT, "eu-west-1"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anArnIsRoutedToTheTargetsOfItsAccountAndRegionWhoseSourceListsItsService() {
        // given
        TargetedPolls polls = new TargetedPolls(runners, fullPolls::add);

        // when
        polls.pollNow(ACCOUNT, REGION, GLUE_ARN);
        polls.pollNow(ACCOUNT, REGION, RDS_ARN);
        polls.pollNow(ACCOUNT, REGION, REDSHIFT_ARN);

        // then each ARN was described by exactly the sources that can list it, in the home account and region
        Map<Source, List<String>> described = new EnumMap<>(Source.class);
        pollers.forEach((target, poller) -> {
            if (!poller.described.isEmpty()) {
                assertThat(target.accountId()).isEqualTo(ACCOUNT);
                assertThat(target.region()).isEqualTo(REGION);
                described.put(target.source(), poller.described);
            }
        });
        assertThat(described).containsOnly(
                Map.entry(Source.GLUE_INTEGRATIONS, List.of(GLUE_ARN)),
                Map.entry(Source.GLUE_INBOUND_INTEGRATIONS, List.of(GLUE_ARN)),
                Map.entry(Source.RDS_INTEGRATIONS, List.of(RDS_ARN)),
                Map.entry(Source.REDSHIFT_INTEGRATIONS, List.of(REDSHIFT_ARN)),
                Map.entry(Source.REDSHIFT_INBOUND_INTEGRATIONS, List.of(RDS_ARN, REDSHIFT_ARN)));
    }

    @Test
    void anArnThatIsNoIntegrationArnOfAKnownPartitionAndServiceIsRejected() {
        TargetedPolls polls = new TargetedPolls(runners, fullPolls::add);

        for (String arn : List.of("arn:aws:s3:::bucket", "arn:aws:glue:us-east-1:123456789012:table/db/t",
                "arn:evil:glue:us-east-1:123456789012:integration:x", "arn:aws:sqs:us-east-1:123456789012:integration:x",
                "arn:aws:glue:us-east-1:12345:integration:x", "arn:aws:glue:us-east-1:123456789012:integration:a b",
                GLUE_ARN + "x".repeat(300), "", "integration")) {
            assertThatThrownBy(() -> polls.pollNow(ACCOUNT, REGION, arn)).as(arn)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(pollers.values()).allSatisfy(p -> assertThat(p.described).isEmpty());
        assertThat(fullPolls).isEmpty();
    }

    @Test
    void anIntegrationNoWatchedTargetCanListIsNotWatched() {
        TargetedPolls polls = new TargetedPolls(runners, fullPolls::add);

        assertThat(polls.pollNow("999999999999", REGION, GLUE_ARN)).isEqualTo(TargetedPolls.Outcome.NOT_WATCHED);
        assertThat(polls.pollNow(ACCOUNT, "ap-south-1", GLUE_ARN)).isEqualTo(TargetedPolls.Outcome.NOT_WATCHED);
        assertThat(fullPolls).isEmpty();
    }

    @Test
    void anIntegrationOneTargetDescribesIsPolledCommittedAndPublishedThereAlone() {
        // given both Glue listings polled in full, the integration known to the outbound one only
        PollTarget outbound = home(Source.GLUE_INTEGRATIONS);
        PollTarget inbound = home(Source.GLUE_INBOUND_INTEGRATIONS);
        pollers.get(outbound).put(resource(GLUE_ARN, ResourceStatus.ACTIVE));
        pollers.get(outbound).put(resource(GLUE_ARN + "-other", ResourceStatus.ACTIVE));
        pollers.get(inbound).put(resource(GLUE_ARN + "-inbound", ResourceStatus.ACTIVE));
        runnerOf(outbound).runOnce();
        runnerOf(inbound).runOnce();
        published.clear();
        pollers.get(outbound).put(resource(GLUE_ARN, ResourceStatus.FAILED));

        // when
        TargetedPolls.Outcome outcome = new TargetedPolls(runners, fullPolls::add).pollNow(ACCOUNT, REGION, GLUE_ARN);

        // then one targeted poll committed FAILED and published it; the inbound listing's not-found asks nothing
        assertThat(outcome).isEqualTo(TargetedPolls.Outcome.POLLED);
        assertThat(store.knownResources(outbound).get(GLUE_ARN).status()).isEqualTo(ResourceStatus.FAILED);
        assertThat(store.knownResources(outbound)).containsKey(GLUE_ARN + "-other");
        assertThat(published).singleElement().isInstanceOfSatisfying(PollCompleted.class, completed -> {
            assertThat(completed.snapshot().scope()).isEqualTo(GLUE_ARN);
            assertThat(completed.events()).singleElement()
                    .satisfies(e -> assertThat(e.type()).isEqualTo(EventType.ENTERED_FAILED));
            assertThat(completed.current()).hasSize(2);
        });
        assertThat(pollers.get(outbound).polls).isEqualTo(1);
        assertThat(fullPolls).isEmpty();
    }

    @Test
    void aKnownIntegrationTheDescribeDoesNotFindAsksForAFullPollOfThatTargetAndNothingVanishes() {
        // given both Glue listings know the integration; then the outbound one no longer finds it, the inbound does
        PollTarget outbound = home(Source.GLUE_INTEGRATIONS);
        PollTarget inbound = home(Source.GLUE_INBOUND_INTEGRATIONS);
        pollers.get(outbound).put(resource(GLUE_ARN, ResourceStatus.ACTIVE));
        pollers.get(inbound).put(resource(GLUE_ARN, ResourceStatus.ACTIVE));
        runnerOf(outbound).runOnce();
        runnerOf(inbound).runOnce();
        published.clear();
        pollers.get(outbound).resources.clear();

        // when
        TargetedPolls.Outcome outcome = new TargetedPolls(runners, fullPolls::add).pollNow(ACCOUNT, REGION, GLUE_ARN);

        // then the inbound listing polled it; the outbound one is polled in full to decide, and still knows it
        assertThat(outcome).isEqualTo(TargetedPolls.Outcome.POLLED);
        assertThat(fullPolls).containsExactly(outbound);
        assertThat(store.knownResources(outbound)).containsKey(GLUE_ARN);
        assertThat(published).singleElement().satisfies(e -> assertThat(e.target()).isEqualTo(inbound));
    }

    @Test
    void aKnownIntegrationNoTargetFindsAsksForFullPollsAndNothingVanishes() {
        // given
        PollTarget outbound = home(Source.GLUE_INTEGRATIONS);
        pollers.get(outbound).put(resource(GLUE_ARN, ResourceStatus.ACTIVE));
        runnerOf(outbound).runOnce();
        published.clear();
        pollers.get(outbound).resources.clear();

        // when
        TargetedPolls.Outcome outcome = new TargetedPolls(runners, fullPolls::add).pollNow(ACCOUNT, REGION, GLUE_ARN);

        // then every target that could list it is polled in full; it is still known, nothing was published
        assertThat(outcome).isEqualTo(TargetedPolls.Outcome.FULL_POLL_REQUESTED);
        assertThat(fullPolls).containsExactlyInAnyOrder(outbound, home(Source.GLUE_INBOUND_INTEGRATIONS));
        assertThat(store.knownResources(outbound)).containsKey(GLUE_ARN);
        assertThat(published).isEmpty();
    }

    @Test
    void anIntegrationNoTargetObservesAsksEveryRoutedTargetForAFullPoll() {
        // given targets that know other resources only
        pollers.get(home(Source.RDS_INTEGRATIONS)).put(resource(RDS_ARN + "-other", ResourceStatus.ACTIVE));
        runnerOf(home(Source.RDS_INTEGRATIONS)).runOnce();

        // when
        TargetedPolls.Outcome outcome = new TargetedPolls(runners, fullPolls::add).pollNow(ACCOUNT, REGION, RDS_ARN);

        // then
        assertThat(outcome).isEqualTo(TargetedPolls.Outcome.FULL_POLL_REQUESTED);
        assertThat(fullPolls).containsExactlyInAnyOrder(home(Source.RDS_INTEGRATIONS),
                home(Source.REDSHIFT_INBOUND_INTEGRATIONS));
    }

    @Test
    void aTargetThatKnowsNothingYetIsPolledInFullNotTargeted() {
        // given a target never polled, whose API would describe the integration
        PollTarget rds = home(Source.RDS_INTEGRATIONS);
        pollers.get(rds).put(resource(RDS_ARN, ResourceStatus.FAILED));

        // when
        TargetedPolls.Outcome outcome = new TargetedPolls(runners, fullPolls::add).pollNow(ACCOUNT, REGION, RDS_ARN);

        // then its first poll is to be a full one (its DISCOVERED), nothing committed now
        assertThat(outcome).isEqualTo(TargetedPolls.Outcome.FULL_POLL_REQUESTED);
        assertThat(fullPolls).contains(rds);
        assertThat(store.knownResources(rds)).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void aFailedDescribeThrowsAfterTheOtherTargetsAndIsNoFailedScheduledPoll() {
        // given both RDS-listing targets know the integration; the inbound one's describe fails
        PollTarget rds = home(Source.RDS_INTEGRATIONS);
        PollTarget inbound = home(Source.REDSHIFT_INBOUND_INTEGRATIONS);
        pollers.get(rds).put(resource(RDS_ARN, ResourceStatus.ACTIVE));
        pollers.get(inbound).put(resource(RDS_ARN, ResourceStatus.ACTIVE));
        runnerOf(rds).runOnce();
        runnerOf(inbound).runOnce();
        published.clear();
        pollers.get(rds).put(resource(RDS_ARN, ResourceStatus.FAILED));
        pollers.get(inbound).describeFailure = new PollFailedException(PollErrorReason.INVALID_RESPONSE,
                "Redshift DescribeInboundIntegrations (targeted) page 1: InboundIntegrations is missing or null", null);

        // when / then
        assertThatThrownBy(() -> new TargetedPolls(runners, fullPolls::add).pollNow(ACCOUNT, REGION, RDS_ARN))
                .isInstanceOf(TargetedPollFailedException.class)
                .hasMessageContaining("InboundIntegrations is missing");
        // the RDS target was still polled; the failing one changed nothing and counts no failed poll
        assertThat(store.knownResources(rds).get(RDS_ARN).status()).isEqualTo(ResourceStatus.FAILED);
        assertThat(store.knownResources(inbound).get(RDS_ARN).status()).isEqualTo(ResourceStatus.ACTIVE);
        assertThat(published).noneMatch(PollFailed.class::isInstance);
        assertThat(store.targetHealth()).filteredOn(h -> h.target().equals(inbound))
                .extracting(TargetHealth::consecutiveFailures).containsExactly(0);
    }

    @Test
    void aTargetedPollWaitsForTheRunningScheduledPollOfItsTargetSoAnOlderListingCannotCommitOverIt()
            throws Exception {
        // given a scheduled poll of the target under way (its listing read, not committed yet)
        PollTarget outbound = home(Source.GLUE_INTEGRATIONS);
        FakePoller poller = pollers.get(outbound);
        poller.put(resource(GLUE_ARN, ResourceStatus.ACTIVE));
        runnerOf(outbound).runOnce();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        poller.blockNextPoll(entered, release);
        CompletableFuture<PollRunner.Outcome> scheduled = CompletableFuture.supplyAsync(runnerOf(outbound)::runOnce);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        poller.put(resource(GLUE_ARN, ResourceStatus.FAILED));

        // when an event asks for a targeted poll meanwhile
        CompletableFuture<TargetedPolls.Outcome> targeted = CompletableFuture.supplyAsync(
                () -> new TargetedPolls(runners, fullPolls::add).pollNow(ACCOUNT, REGION, GLUE_ARN));

        // then it describes only once the scheduled poll committed, and its newer answer is what stays
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(poller.described::isEmpty);
        release.countDown();
        assertThat(scheduled.get(10, TimeUnit.SECONDS).succeeded()).isTrue();
        assertThat(targeted.get(10, TimeUnit.SECONDS)).isEqualTo(TargetedPolls.Outcome.POLLED);
        assertThat(poller.described).containsExactly(GLUE_ARN);
        assertThat(store.knownResources(outbound).get(GLUE_ARN).status()).isEqualTo(ResourceStatus.FAILED);
    }

    @Test
    void aSourceThatIsNotPermittedIsNotAskedAndItsProbesAreNotSpent() {
        // given a target whose API refused the monitor before any answer: not permitted
        PollTarget rds = home(Source.RDS_INTEGRATIONS);
        AwsServiceException refused = RdsException.builder().statusCode(403).message("denied")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").serviceName("Rds").build())
                .build();
        pollers.get(rds).pollFailure = PollErrors.failure("RDS DescribeIntegrations page 1", refused);
        assertThat(runnerOf(rds).runOnce().notPermitted()).isNotNull();

        // when an event names an RDS integration
        PollRunner.Targeted targeted = runnerOf(rds).pollNow(RDS_ARN);

        // then it is skipped, without a call
        assertThat(targeted).isEqualTo(PollRunner.Targeted.SKIPPED);
        assertThat(pollers.get(rds).described).isEmpty();
    }

    @Test
    void aSourceThatCannotDescribeOneResourceIsNeverAsked() {
        // AppIntegrations is not targetable, and no integration ARN routes to it
        PollRunner appIntegrations = runnerOf(home(Source.APPINTEGRATIONS_ASSOCIATIONS));

        assertThat(appIntegrations.targetable()).isFalse();
        assertThat(appIntegrations.pollNow(GLUE_ARN)).isEqualTo(PollRunner.Targeted.SKIPPED);
        assertThat(Source.listingIntegration(GLUE_ARN)).doesNotContain(Source.APPINTEGRATIONS_ASSOCIATIONS);
    }

    private void add(PollTarget target) {
        FakePoller poller = new FakePoller(target);
        pollers.put(target, poller);
        runners.add(new PollRunner(poller, store, new Detector(StuckConfig.defaults()), bus, Clock.systemUTC()));
    }

    private PollRunner runnerOf(PollTarget target) {
        return runners.stream().filter(r -> r.target().equals(target)).findFirst().orElseThrow();
    }

    private static PollTarget home(Source source) {
        return new PollTarget(source, ACCOUNT, REGION);
    }

    private static ObservedResource resource(String arn, ResourceStatus status) {
        return new ObservedResource(Source.GLUE_INTEGRATIONS.kind(), arn, "name", ACCOUNT, REGION, status, List.of(),
                Map.of(), Map.of(), null);
    }

    /** A target's API: its resources by ARN; describe finds one or not, as AWS would. */
    private static final class FakePoller implements Poller {
        private final PollTarget target;
        final Map<String, ObservedResource> resources = new ConcurrentHashMap<>();
        final List<String> described = new CopyOnWriteArrayList<>();
        volatile PollFailedException describeFailure;
        volatile PollFailedException pollFailure;
        volatile int polls;
        private volatile CountDownLatch entered;
        private volatile CountDownLatch release;

        /** The next full poll signals {@code entered}, then waits for {@code release}. */
        void blockNextPoll(CountDownLatch entered, CountDownLatch release) {
            this.release = release;
            this.entered = entered;
        }

        FakePoller(PollTarget target) {
            this.target = target;
        }

        void put(ObservedResource resource) {
            resources.put(resource.arn(), new ObservedResource(target.source().kind(), resource.arn(),
                    resource.name(), ACCOUNT, REGION, resource.status(), List.of(), Map.of(), Map.of(), null));
        }

        @Override
        public PollTarget target() {
            return target;
        }

        @Override
        public Snapshot poll() throws PollFailedException {
            polls++;
            if (pollFailure != null) {
                throw pollFailure;
            }
            CountDownLatch block = release;
            if (block != null) {
                release = null;
                entered.countDown();
                try {
                    block.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new Snapshot(target, Instant.now(), List.copyOf(resources.values()), 1);
        }

        @Override
        public boolean targetable() {
            return target.source() != Source.APPINTEGRATIONS_ASSOCIATIONS;
        }

        @Override
        public Optional<Snapshot> describe(String arn) throws PollFailedException {
            described.add(arn);
            if (describeFailure != null) {
                throw describeFailure;
            }
            return Optional.ofNullable(resources.get(arn)).map(r -> Snapshot.targeted(target, Instant.now(), r));
        }
    }
}
