package io.integrationmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EstateAndFaultsTest {
    private static final Partition HOME = new Partition(Estate.DEFAULT_ACCOUNT, "us-east-1");

    @Test
    void estateSpecParsesAndRejectsUnknownKeys() {
        assertThat(EstateSpec.parse("integrations=7,inbound=2,data-integrations=3,associations=4,page-size=5,rds=6,"
                + "redshift=0,redshift-inbound=0")).isEqualTo(new EstateSpec(7, 2, 3, 4, 5).withRdsIntegrations(6));
        assertThat(EstateSpec.parse("integrations=1")).isEqualTo(new EstateSpec(1, 5, 3, 4, 0, 5, 6, 4));
        assertThat(EstateSpec.parse("rds=0,redshift=0,redshift-inbound=0")).isEqualTo(new EstateSpec(20, 5, 3, 4, 0));
        assertThat(EstateSpec.parse("integrations=0,redshift=8,redshift-inbound=2"))
                .isEqualTo(new EstateSpec(0, 5, 3, 4, 0, 5, 8, 2));
        assertThatThrownBy(() -> EstateSpec.parse("widgets=3")).hasMessageContaining("widgets");
        assertThatThrownBy(() -> EstateSpec.parse("integrations=x")).hasMessageContaining("not a number");
    }

    @Test
    void populationIsReproducibleAndRealistic() {
        Estate a = new Estate();
        Estate b = new Estate();
        a.populate(HOME, EstateSpec.defaults());
        b.populate(HOME, EstateSpec.defaults());

        assertThat(a.integrations(HOME)).isEqualTo(b.integrations(HOME)).hasSize(20);
        assertThat(a.integrations(HOME)).allSatisfy(i -> {
            assertThat(i.arn()).matches("arn:aws:glue:us-east-1:123456789012:integration:[0-9a-f-]{36}");
            assertThat(i.name()).matches("[a-z]+-zetl-\\d{3}");
        });
        assertThat(a.associations(HOME)).hasSize(12);
        assertThat(a.rdsIntegrations(HOME)).isEqualTo(b.rdsIntegrations(HOME)).hasSize(5).allSatisfy(i -> {
            assertThat(i.arn()).matches("arn:aws:rds:us-east-1:123456789012:integration:[0-9a-f-]{36}");
            assertThat(i.sourceArn()).matches("arn:aws:rds:us-east-1:123456789012:cluster:[a-z]+-aurora-\\d+");
            assertThat(i.targetArn()).matches("arn:aws:redshift(-serverless)?:us-east-1:123456789012:namespace[:/][0-9a-f-]{36}");
            assertThat(i.status()).isEqualTo("active");
        });
    }

    @Test
    void redshiftEstatesAreReproducibleAndShareArnsBetweenTheirListings() {
        // given two estates generated from the same seed
        Estate a = new Estate();
        Estate b = new Estate();
        a.populate(HOME, EstateSpec.empty().withRedshift(4, 6));
        b.populate(HOME, EstateSpec.empty().withRedshift(4, 6));

        // then they are equal, realistic, and every third inbound integration is a Redshift one's inbound side
        assertThat(a.redshiftIntegrations(HOME)).isEqualTo(b.redshiftIntegrations(HOME)).hasSize(4)
                .allSatisfy(i -> {
                    assertThat(i.arn()).matches("arn:aws:redshift:us-east-1:123456789012:integration:[0-9a-f-]{36}");
                    assertThat(i.sourceArn()).startsWith("arn:aws:dynamodb:us-east-1:123456789012:table/");
                    assertThat(i.status()).isEqualTo("active");
                });
        assertThat(a.redshiftInboundIntegrations(HOME)).isEqualTo(b.redshiftInboundIntegrations(HOME)).hasSize(6);
        List<String> outbound = a.redshiftIntegrations(HOME).stream().map(SimRedshiftIntegration::arn).toList();
        assertThat(a.redshiftInboundIntegrations(HOME)).filteredOn(i -> outbound.contains(i.arn())).hasSize(2);
        assertThat(a.redshiftInboundIntegrations(HOME)).filteredOn(i -> i.arn().startsWith("arn:aws:rds:")).hasSize(2);

        // and a status set on a shared ARN is set in both listings, and removing it removes both
        String shared = outbound.stream().filter(arn -> a.redshiftInboundIntegration(arn).isPresent()).findFirst()
                .orElseThrow();
        a.setRedshiftStatus(shared, "needs_attention", List.of(new SimError("E", "m")));
        assertThat(a.redshiftIntegration(shared).orElseThrow().status()).isEqualTo("needs_attention");
        assertThat(a.redshiftInboundIntegration(shared).orElseThrow().errors()).containsExactly(new SimError("E", "m"));
        assertThat(a.remove(shared)).isTrue();
        assertThat(a.redshiftIntegration(shared)).isEmpty();
        assertThat(a.redshiftInboundIntegration(shared)).isEmpty();
        assertThatThrownBy(() -> a.setRedshiftStatus(shared, "active", List.of()))
                .isInstanceOf(java.util.NoSuchElementException.class);
    }

    @Test
    void removingADataIntegrationTakesItsAssociations() {
        Estate estate = new Estate();
        estate.populate(HOME, new EstateSpec(0, 0, 2, 3, 0));
        SimDataIntegration di = estate.dataIntegrations(HOME).get(0);
        String assoc = estate.associationsOf(di.arn()).get(0).arn();

        assertThat(estate.remove(di.arn())).isTrue();

        assertThat(estate.association(assoc)).isEmpty();
        assertThat(estate.associations(HOME)).hasSize(3);
    }

    @Test
    void countedFaultsRunOutAndScopesMatch() {
        Faults faults = new Faults();
        faults.throttleNext(Operation.GLUE_DESCRIBE_INTEGRATIONS, "111111111111", 2);
        faults.failAlways(Operation.SNS_PUBLISH, null);

        assertThat(faults.decide(Operation.GLUE_DESCRIBE_INTEGRATIONS, "222222222222").kind()).isNull();
        assertThat(faults.decide(Operation.GLUE_DESCRIBE_INTEGRATIONS, "111111111111").kind()).isEqualTo(Faults.Kind.THROTTLE);
        assertThat(faults.decide(Operation.GLUE_DESCRIBE_INTEGRATIONS, "111111111111").kind()).isEqualTo(Faults.Kind.THROTTLE);
        assertThat(faults.decide(Operation.GLUE_DESCRIBE_INTEGRATIONS, "111111111111").kind()).isNull();
        for (int i = 0; i < 3; i++) {
            assertThat(faults.decide(Operation.SNS_PUBLISH, "any").kind()).isEqualTo(Faults.Kind.FAIL);
        }
        faults.clear();
        assertThat(faults.decide(Operation.SNS_PUBLISH, "any").kind()).isNull();
    }

    @Test
    void latenciesAddUpByScope() {
        Faults faults = new Faults();
        faults.addLatency(Duration.ofMillis(20));
        faults.addLatency(null, "111111111111", Duration.ofMillis(30));

        assertThat(faults.decide(Operation.GLUE_DESCRIBE_INTEGRATIONS, "111111111111").latencyMillis()).isEqualTo(50);
        assertThat(faults.decide(Operation.GLUE_DESCRIBE_INTEGRATIONS, "222222222222").latencyMillis()).isEqualTo(20);
    }

    @Test
    void tokenBucketThrottlesBeyondBurstAndRefills() {
        AtomicLong now = new AtomicLong();
        Faults faults = new Faults(now::get);
        faults.rateLimit("111111111111", 2.0, 3);

        List<Faults.Kind> burst = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> faults.decide(Operation.GLUE_DESCRIBE_INTEGRATIONS, "111111111111").kind()).toList();
        assertThat(burst).containsExactly(null, null, null, Faults.Kind.THROTTLE);

        now.addAndGet(500_000_000L); // half a second at 2/s refills one token
        assertThat(faults.decide(Operation.GLUE_DESCRIBE_INTEGRATIONS, "111111111111").kind()).isNull();
        assertThat(faults.decide(Operation.GLUE_DESCRIBE_INTEGRATIONS, "111111111111").kind()).isEqualTo(Faults.Kind.THROTTLE);
        assertThat(faults.decide(Operation.GLUE_DESCRIBE_INTEGRATIONS, "222222222222").kind()).isNull();
    }

    @Test
    void randomThrottlingHitsAboutItsShareReproduciblyUntilCleared() {
        Faults first = new Faults();
        Faults second = new Faults();
        first.throttleRandomly(0.2, 42);
        second.throttleRandomly(0.2, 42);

        List<Faults.Kind> a = java.util.stream.IntStream.range(0, 10_000)
                .mapToObj(i -> first.decide(Operation.GLUE_DESCRIBE_INTEGRATIONS, "111111111111").kind()).toList();
        List<Faults.Kind> b = java.util.stream.IntStream.range(0, 10_000)
                .mapToObj(i -> second.decide(Operation.GLUE_DESCRIBE_INTEGRATIONS, "111111111111").kind()).toList();

        long throttled = a.stream().filter(k -> k == Faults.Kind.THROTTLE).count();
        assertThat(throttled).isBetween(1_800L, 2_200L);
        assertThat(a).isEqualTo(b);
        first.clear();
        assertThat(first.decide(Operation.GLUE_DESCRIBE_INTEGRATIONS, "111111111111").kind()).isNull();
        assertThatThrownBy(() -> first.throttleRandomly(1.5, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
