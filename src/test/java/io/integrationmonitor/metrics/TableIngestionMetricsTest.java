package io.integrationmonitor.metrics;

import io.integrationmonitor.events.TableIngestion;
import io.integrationmonitor.state.Database;
import io.integrationmonitor.state.TableIngestionDecider;
import io.integrationmonitor.state.TableIngestionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TableIngestionMetricsTest {
    private static final String ARN = "arn:aws:glue:eu-west-1:123456789012:integration:orders";
    private static final String SERIES = "{account_id=\"123456789012\",integration_arn=\"" + ARN
            + "\",region=\"eu-west-1\"";
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    @TempDir
    Path dir;

    private final PrometheusMetrics prometheus = PrometheusMetrics.create("1.2.3");
    private Database database;

    @AfterEach
    void close() {
        prometheus.close();
        if (database != null) {
            database.close();
        }
    }

    private static TableIngestion event(String id, int second, String table, boolean failed) {
        return new TableIngestion(id, T0.plusSeconds(second), "123456789012", "eu-west-1", ARN, table, failed,
                failed ? "X" : null, failed ? "y" : null);
    }

    private List<String> lines(String family) {
        return Arrays.stream(prometheus.meterRegistry().scrape().split("\n")).filter(l -> l.startsWith(family))
                .toList();
    }

    @Test
    void failuresCountedFailingTablesFromTheSharedStateAndOverCapCounted() {
        // given a store capped at two failing tables per integration, with table labels opted in
        database = Database.embedded(dir);
        TableIngestionStore store = new TableIngestionStore(database, new TableIngestionDecider(), 2,
                Duration.ofHours(1), Clock.fixed(T0, ZoneOffset.UTC));
        TableIngestionMetrics metrics = new TableIngestionMetrics(prometheus.meterRegistry(), store, true);

        // when two tables fail, one of them again, a third is over the cap, then one completes
        for (TableIngestion e : List.of(event("e1", 1, "a", true), event("e2", 2, "b", true),
                event("e3", 3, "a", true), event("e4", 4, "c", true), event("e5", 5, "b", false))) {
            metrics.applied(store.apply(e));
        }

        // then
        assertThat(lines("aws_glue_integration_table_ingestion_failures_total{"))
                .containsExactly("aws_glue_integration_table_ingestion_failures_total" + SERIES + "} 3.0");
        assertThat(lines("aws_glue_integration_tables_failing{"))
                .containsExactly("aws_glue_integration_tables_failing" + SERIES + "} 1.0");
        assertThat(lines("aws_glue_integration_table_failing{"))
                .containsExactly("aws_glue_integration_table_failing" + SERIES + ",table=\"a\"} 1.0");
        assertThat(lines("integration_monitor_event_tables_over_cap_total"))
                .containsExactly("integration_monitor_event_tables_over_cap_total 1.0");
    }

    @Test
    void noPerTableSeriesUnlessOptedIn() {
        database = Database.embedded(dir);
        TableIngestionStore store = new TableIngestionStore(database, new TableIngestionDecider(), 2,
                Duration.ofHours(1), Clock.fixed(T0, ZoneOffset.UTC));
        TableIngestionMetrics metrics = new TableIngestionMetrics(prometheus.meterRegistry(), store, false);

        metrics.applied(store.apply(event("e1", 1, "a", true)));

        assertThat(lines("aws_glue_integration_tables_failing{")).hasSize(1);
        assertThat(lines("aws_glue_integration_table_failing")).isEmpty();
    }
}
