package io.integrationmonitor.freshness;

import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.state.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@link JdbcFreshnessReadings} must do on every database; one subclass per database. */
abstract class FreshnessReadingsContract {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";
    static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private Database database;
    JdbcFreshnessReadings readings;

    abstract Database openDatabase();

    void cleanUp() throws Exception {
    }

    @BeforeEach
    void open() {
        database = openDatabase();
        readings = new JdbcFreshnessReadings(database);
    }

    @AfterEach
    void close() throws Exception {
        database.close();
        cleanUp();
    }

    static String glueArn(String name) {
        return "arn:aws:glue:" + REGION + ":" + ACCOUNT + ":integration:" + name;
    }

    static FreshnessReading glue(String account, String region, String name, Instant lastSync, Double ingestionFailed,
                                 List<String> failingTables, Set<FreshnessVerdict> verdicts) {
        return new FreshnessReading("arn:aws:glue:" + region + ":" + account + ":integration:" + name, name,
                ResourceKind.GLUE_INTEGRATION, account, region, MetricSource.GLUE, T0, lastSync, null, null,
                ingestionFailed, failingTables, verdicts);
    }

    static FreshnessReading redshift(String name, Double lag, Double tablesFailed, Set<FreshnessVerdict> verdicts) {
        return new FreshnessReading("arn:aws:redshift:" + REGION + ":" + ACCOUNT + ":integration:" + name, name,
                ResourceKind.REDSHIFT_INTEGRATION, ACCOUNT, REGION, MetricSource.REDSHIFT, T0, T0.minusSeconds(60),
                lag, tablesFailed, null, List.of(), verdicts);
    }

    @Test
    void aReplacedReadingReadsBackWithEveryFieldAndItsNulls() {
        // given a Glue reading with tables failing (AWS text in a name) and a Redshift one that saw no metric at all
        FreshnessReading orders = glue(ACCOUNT, REGION, "orders", T0.minusSeconds(300), 3.0,
                List.of("public.\"weird\"\n table", "sales.items"),
                Set.of(FreshnessVerdict.TABLES_FAILING, FreshnessVerdict.STALE));
        FreshnessReading silent = new FreshnessReading("arn:aws:redshift:eu-west-1:123456789012:integration:silent",
                null, ResourceKind.REDSHIFT_INBOUND_INTEGRATION, ACCOUNT, REGION, MetricSource.REDSHIFT, T0, null,
                null, null, null, null, null);

        // when they replace the (account, region)'s readings
        readings.replace(ACCOUNT, REGION, List.of(orders, silent));

        // then both read back equal, by ARN and among all
        assertThat(readings.of(ACCOUNT, REGION)).containsOnlyKeys(orders.arn(), silent.arn())
                .containsEntry(orders.arn(), orders).containsEntry(silent.arn(), silent);
        assertThat(readings.all()).containsExactlyInAnyOrder(orders, silent);
    }

    @Test
    void replaceDropsIntegrationsNoLongerWatchedThereAndLeavesOtherRegionsAlone() {
        // given readings in two regions
        FreshnessReading orders = glue(ACCOUNT, REGION, "orders", T0, null, List.of(), Set.of());
        FreshnessReading billing = glue(ACCOUNT, REGION, "billing", T0, null, List.of(), Set.of());
        FreshnessReading elsewhere = glue(ACCOUNT, "us-east-1", "orders", T0, null, List.of(), Set.of());
        readings.replace(ACCOUNT, REGION, List.of(orders, billing));
        readings.replace(ACCOUNT, "us-east-1", List.of(elsewhere));

        // when the next poll of eu-west-1 judges only billing, now lagging
        FreshnessReading lagging = redshift("billing", 1200.0, 0.0, Set.of(FreshnessVerdict.LAGGING));
        readings.replace(ACCOUNT, REGION, List.of(lagging));

        // then orders is gone from eu-west-1, us-east-1 is untouched
        assertThat(readings.of(ACCOUNT, REGION)).containsOnlyKeys(lagging.arn());
        assertThat(readings.of(ACCOUNT, "us-east-1")).containsOnlyKeys(elsewhere.arn());
        assertThat(readings.all()).containsExactlyInAnyOrder(lagging, elsewhere);

        // and an empty poll empties the region
        readings.replace(ACCOUNT, REGION, List.of());
        assertThat(readings.of(ACCOUNT, REGION)).isEmpty();
        assertThat(readings.all()).containsExactly(elsewhere);
    }

    @Test
    void aReplaceThatFailsPartWayChangesNothing() {
        // given a stored reading
        FreshnessReading orders = glue(ACCOUNT, REGION, "orders", T0, null, List.of(), Set.of());
        readings.replace(ACCOUNT, REGION, List.of(orders));

        // when a replace fails on its second insert (the same ARN twice breaks the primary key)
        FreshnessReading billing = glue(ACCOUNT, REGION, "billing", T0, null, List.of(), Set.of());
        assertThatThrownBy(() -> readings.replace(ACCOUNT, REGION, List.of(billing, billing)))
                .isInstanceOf(RuntimeException.class);

        // then the delete was rolled back with it
        assertThat(readings.of(ACCOUNT, REGION)).containsOnlyKeys(orders.arn());
    }

    @Test
    void aReadingOfAnotherAccountOrRegionIsRefused() {
        FreshnessReading elsewhere = glue(ACCOUNT, "us-east-1", "orders", T0, null, List.of(), Set.of());

        assertThatThrownBy(() -> readings.replace(ACCOUNT, REGION, List.of(elsewhere)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(readings.all()).isEmpty();
    }

    @Test
    void failingTablesAreStoredBounded() {
        // given a reading naming more tables than any configuration allows
        List<String> tables = IntStream.range(0, JdbcFreshnessReadings.MAX_STORED_TABLES + 5)
                .mapToObj(i -> "t" + i).toList();
        FreshnessReading orders = glue(ACCOUNT, REGION, "orders", T0, 2000.0, tables,
                Set.of(FreshnessVerdict.TABLES_FAILING));

        // when it is stored
        readings.replace(ACCOUNT, REGION, List.of(orders));

        // then the first MAX_STORED_TABLES are kept
        assertThat(readings.of(ACCOUNT, REGION).get(orders.arn()).failingTables())
                .isEqualTo(tables.subList(0, JdbcFreshnessReadings.MAX_STORED_TABLES));
    }

    @Test
    void aRowOfAKindThisVersionDoesNotKnowIsLeftOutAndAnUnknownVerdictDropped() throws Exception {
        // given rows a newer replica wrote: one of an unknown kind, one with an unknown verdict
        FreshnessReading orders = glue(ACCOUNT, REGION, "orders", T0, null, List.of(), Set.of(FreshnessVerdict.STALE));
        readings.replace(ACCOUNT, REGION, List.of(orders));
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO freshness_reading (account_id, region, arn, name, kind, source, observed_at,"
                    + " failing_tables, verdicts) VALUES ('" + ACCOUNT + "', '" + REGION + "', 'arn:new', 'n',"
                    + " 'future_integration', 'GLUE', 0, '[]', '[]')");
            s.executeUpdate("UPDATE freshness_reading SET verdicts = '[\"STALE\",\"FUTURE\"]' WHERE arn = '"
                    + orders.arn() + "'");
        }

        // when they are read, then the unknown kind's row is left out and the unknown verdict dropped
        assertThat(readings.all()).containsExactly(orders);
    }
}
