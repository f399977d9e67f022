package io.integrationmonitor.state;

import io.integrationmonitor.config.StuckConfig;
import io.integrationmonitor.detect.Detector;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.ResourceError;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;
import io.integrationmonitor.poll.Snapshot;
import io.integrationmonitor.poll.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded database file stays within a small multiple of the data it holds, however much was
 * written and pruned: measured against a fresh database loaded with exactly the same rows.
 */
class EmbeddedDatabaseSizeTest {
    private static final int RESOURCES_PER_TARGET = 1_000;
    private static final int POLLS = 15;
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private final Detector detector = new Detector(StuckConfig.defaults());

    @Test
    void afterHeavyChurnAndPruningTheFileIsASmallMultipleOfItsLiveRows() throws Exception {
        // given: two targets of 1,000 resources; every poll flips two thirds of them (a row write and an event
        // each), events are kept for five polls, and housekeeping compacts after pruning
        Path data = dir.resolve("data");
        List<PollTarget> targets = List.of(
                new PollTarget(Source.GLUE_INTEGRATIONS, "123456789012", "eu-west-1"),
                new PollTarget(Source.GLUE_INTEGRATIONS, "210987654321", "eu-west-1"));
        long peak = 0;
        int events;
        try (Database database = Database.embedded(data); JdbcStateStore store = new JdbcStateStore(database)) {
            // Polls a minute apart let H2 reuse space older than its 45 s retention; without waiting, allow it now.
            try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("SET RETENTION_TIME 0");
            }
            for (int poll = 0; poll < POLLS; poll++) {
                Instant at = T0.plus(Duration.ofMinutes(poll));
                for (PollTarget target : targets) {
                    store.applyPoll(target, detector.detectionFor(snapshot(target, at, poll)));
                }
                store.pruneEventsBefore(at.minus(Duration.ofMinutes(5)));
                database.compact(Duration.ofSeconds(1));
                peak = Math.max(peak, fileSize(data));
            }
            assertThat(database.sizeBytes()).hasValue(fileSize(data));
            events = store.eventsSince(Instant.EPOCH, 1_000_000).size();
        }

        // when: closed (compacting) and reopened
        long afterClose = fileSize(data);
        try (Database reopened = Database.embedded(data); JdbcStateStore store = new JdbcStateStore(reopened)) {
            assertThat(store.allResources()).hasSize(targets.size() * RESOURCES_PER_TARGET);
            assertThat(store.eventsSince(Instant.EPOCH, 1_000_000)).hasSize(events).isNotEmpty();
        }
        long live = freshCopySize(data);

        // then: the file holds its rows and little else (while running, it was several times that)
        assertThat(peak).as("the churn wrote far more than it kept").isGreaterThan(2 * live);
        assertThat(afterClose).as("file after close vs. a fresh copy of its rows (%,d bytes)", live)
                .isLessThanOrEqualTo(2 * live);
        assertThat(fileSize(data)).as("after reopening").isLessThanOrEqualTo(2 * live);
    }

    /** The size of a new database file loaded with a script of the same rows. */
    private long freshCopySize(Path data) throws Exception {
        Path script = dir.resolve("rows.sql");
        String options = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("integration-monitor") + options,
                "sa", ""); Statement s = c.createStatement()) {
            s.execute("SCRIPT TO '" + script + "'");
        }
        Path copy = dir.resolve("copy");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + copy.resolve("db") + options, "sa", "");
             Statement s = c.createStatement()) {
            s.execute("RUNSCRIPT FROM '" + script + "'");
            s.execute("SHUTDOWN COMPACT");
        }
        return Files.size(copy.resolve("db.mv.db"));
    }

    private static long fileSize(Path data) throws Exception {
        return Files.size(data.resolve("integration-monitor.mv.db"));
    }

    private static Snapshot snapshot(PollTarget target, Instant at, int poll) {
        List<ObservedResource> resources = new ArrayList<>();
        for (int i = 0; i < RESOURCES_PER_TARGET; i++) {
            boolean failed = (i + poll) % 3 == 0;
            String arn = "arn:aws:glue:" + target.region() + ":" + target.accountId() + ":integration:"
                    + String.format("%08d-0000-4000-8000-%012d", i, i);
            resources.add(new ObservedResource(ResourceKind.GLUE_INTEGRATION, arn, "orders-" + i, target.accountId(),
                    target.region(), failed ? ResourceStatus.FAILED : ResourceStatus.ACTIVE,
                    failed ? List.of(ResourceError.of("ValidationException", "table " + i + " has no primary key"))
                            : List.of(),
                    Map.of(ObservedResource.Attributes.SOURCE_ARN,
                            "arn:aws:dynamodb:" + target.region() + ":" + target.accountId() + ":table/orders-" + i,
                            ObservedResource.Attributes.TARGET_ARN,
                            "arn:aws:redshift:" + target.region() + ":" + target.accountId() + ":namespace/x"),
                    Map.of("team", "data", "env", "prod"), T0.minus(Duration.ofDays(30))));
        }
        return new Snapshot(target, at, resources, 1);
    }
}
