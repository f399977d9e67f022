package io.integrationmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class StoryTest {
    private static final Partition HOME = new Partition(Estate.DEFAULT_ACCOUNT, "us-east-1");

    @Test
    void demoStoryPlaysEveryBeatAndEndsWithTheStuckOneStillSyncing() throws Exception {
        // given an estate and the demo story on it
        Estate estate = new Estate();
        estate.populate(HOME, new EstateSpec(6, 1, 1, 2, 0));
        SimFreshness freshness = new SimFreshness(Clock.systemUTC());
        ScriptedStory story = DemoStory.create(estate, freshness, HOME);
        List<SimIntegration> before = estate.integrations(HOME).stream()
                .filter(i -> !i.name().equals(DemoStory.SILENT_NAME)).toList();
        String aurora = estate.rdsIntegrations(HOME).get(0).arn();
        String lagging = estate.rdsIntegrations(HOME).get(1).arn();
        String silent = estate.integrations(HOME).stream().filter(i -> i.name().equals(DemoStory.SILENT_NAME))
                .findFirst().orElseThrow().arn();
        String tables = before.get(4).arn();
        assertThat(story.length()).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(90));

        // when played 500x faster
        List<String> told = new CopyOnWriteArrayList<>();
        try (StoryPlayback playback = story.play(estate, 500, step -> told.add(step.description()))) {
            assertThat(playback.awaitEnd(Duration.ofSeconds(30))).isTrue();
        }

        // then every step ran and the end state is as scripted
        assertThat(told).hasSize(story.steps().size());
        assertThat(estate.integration(before.get(0).arn()).orElseThrow().status()).isEqualTo("ACTIVE");
        assertThat(estate.integration(before.get(2).arn()).orElseThrow().status()).isEqualTo("SYNCING");
        assertThat(estate.integration(before.get(3).arn())).isEmpty();
        assertThat(estate.integrations(HOME)).anySatisfy(i -> assertThat(i.name()).isEqualTo("refunds-zetl-new"));
        assertThat(estate.associations(HOME).get(0).executionStatus()).isEqualTo("COMPLETED");
        assertThat(told).contains("Aurora -> Redshift integration needs_attention: resync required");
        assertThat(estate.rdsIntegration(aurora).orElseThrow().status()).isEqualTo("active");
        // the table that failed to ingest has completed since
        assertThat(told).contains("table customers of an ACTIVE integration fails to ingest (an event, and CloudWatch's "
                + "IngestionFailed by tableName)");
        assertThat(estate.tableIngestions(tables).get(DemoStory.TABLE).status())
                .isEqualTo(SimTableIngestion.Status.COMPLETED);
        // what only CloudWatch tells: the silent integration stopped syncing but stays ACTIVE, the Aurora one lags
        Instant later = Instant.now().plus(Duration.ofMinutes(1));
        assertThat(freshness.syncingAt(silent, later)).isFalse();
        assertThat(estate.integration(silent).orElseThrow().status()).isEqualTo("ACTIVE");
        assertThat(estate.integration(silent).orElseThrow().refreshInterval()).isNull();
        assertThat(freshness.lagAt(lagging, later)).isEqualTo(Duration.ofMinutes(20));
        assertThat(estate.rdsIntegration(lagging).orElseThrow().status()).isEqualTo("active");
    }

    @Test
    void demoStoryAddsTheResourcesItNeedsToAnEmptyEstate() {
        Estate estate = new Estate();

        DemoStory.create(estate, HOME);

        // the silent one last, so the cast keeps its places
        assertThat(estate.integrations(HOME)).hasSize(6).last()
                .satisfies(i -> assertThat(i.name()).isEqualTo(DemoStory.SILENT_NAME));
        assertThat(estate.inboundIntegrations(HOME)).hasSize(1);
        assertThat(estate.associations(HOME)).hasSize(2);
        assertThat(estate.rdsIntegrations(HOME)).hasSize(2)
                .allSatisfy(i -> assertThat(i.sourceArn()).contains(":rds:", ":cluster:"));
    }

    @Test
    void randomChangesAreReproducibleFromTheSeed() {
        Estate a = new Estate();
        Estate b = new Estate();
        a.populate(HOME, EstateSpec.defaults());
        b.populate(HOME, EstateSpec.defaults());

        RandomChanges ra = new RandomChanges(a, 7);
        RandomChanges rb = new RandomChanges(b, 7);
        for (int i = 0; i < 20; i++) {
            assertThat(ra.step()).isEqualTo(rb.step());
        }

        Estate untouched = new Estate();
        untouched.populate(HOME, EstateSpec.defaults());
        assertThat(a.summary()).isEqualTo(b.summary()).isNotEqualTo(untouched.summary());
    }
}
