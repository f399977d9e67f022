package io.integrationmonitor.metrics;

import io.integrationmonitor.alert.outbox.AlertMetrics;
import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.freshness.FreshnessReading;
import io.integrationmonitor.freshness.FreshnessReadings;
import io.integrationmonitor.freshness.FreshnessVerdict;
import io.integrationmonitor.freshness.MetricSource;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.ResourceKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.integrationmonitor.metrics.Fixtures.ACCOUNT;
import static io.integrationmonitor.metrics.Fixtures.ASSOCIATIONS;
import static io.integrationmonitor.metrics.Fixtures.GLUE;
import static io.integrationmonitor.metrics.Fixtures.INBOUND;
import static io.integrationmonitor.metrics.Fixtures.T0;
import static io.integrationmonitor.metrics.Fixtures.association;
import static io.integrationmonitor.metrics.Fixtures.completed;
import static io.integrationmonitor.metrics.Fixtures.event;
import static io.integrationmonitor.metrics.Fixtures.failed;
import static io.integrationmonitor.metrics.Fixtures.glue;
import static io.integrationmonitor.metrics.Fixtures.inbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every family the monitor can export follows the Prometheus naming conventions that {@code promtool check metrics}
 * lints: checked in Java (so the rule holds where promtool is missing) and by promtool itself when it is on PATH.
 */
class MetricNamingTest {
    /** The abbreviations promtool's linter rejects as name tokens (client_golang promlint). */
    private static final Set<String> ABBREVIATED_UNITS =
            Set.of("s", "ms", "us", "ns", "sec", "b", "kb", "mb", "gb", "tb", "pb", "m", "h", "d");

    private final PrometheusMetrics metrics = PrometheusMetrics.create("1.2.3");

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void noFamilyEndsInAReservedSuffixOrUsesAnAbbreviatedUnit() {
        // given every family the daemon registers, each with at least one series
        Map<String, String> types = types(fullScrape());

        // then only histograms and summaries have _count/_sum/_bucket series, counters end in _total,
        // and no name abbreviates a unit
        List<String> findings = new ArrayList<>();
        types.forEach((name, type) -> {
            boolean distribution = type.equals("histogram") || type.equals("summary");
            if (!distribution && Stream.of("_count", "_sum", "_bucket").anyMatch(name::endsWith)) {
                findings.add(name + " (" + type + ") ends in a histogram/summary suffix");
            }
            if (type.equals("counter") && !name.endsWith("_total")) {
                findings.add(name + " is a counter without _total");
            }
            for (String token : name.split("_")) {
                if (ABBREVIATED_UNITS.contains(token)) {
                    findings.add(name + " abbreviates a unit (" + token + ")");
                }
            }
        });
        assertThat(types).containsKeys("jvm_memory_used_bytes", "process_cpu_usage", "process_uptime_seconds",
                "process_cpu_seconds_total", "system_cpu_processors", "integration_monitor_alerts_firing",
                "integration_monitor_poll_duration_seconds", "aws_glue_integration_last_sync_timestamp_seconds",
                "aws_redshift_integration_lag_seconds", "aws_glue_integration_table_ingestion_failed",
                "integration_monitor_freshness_integrations", "integration_monitor_freshness_table_series_dropped",
                "integration_monitor_poll_schedule_lag_seconds", "integration_monitor_poll_interval_seconds",
                "integration_monitor_poll_schedule_min_interval_seconds");
        assertThat(findings).isEmpty();
    }

    @Test
    void promtoolFindsNothingToLint() throws Exception {
        // given promtool (Debian package prometheus; CI's live check installs it)
        assumeTrue(onPath("promtool"), "promtool is not on PATH");
        String scrape = fullScrape();

        // when it lints the scrape
        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = promtool.getOutputStream()) {
            in.write(scrape.getBytes(StandardCharsets.UTF_8));
        }
        String findings = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();

        // then it has no findings at all
        assertThat(findings).isBlank();
        assertThat(promtool.exitValue()).isZero();
    }

    /** A scrape with every family the daemon registers, each with series. */
    private String fullScrape() {
        var registry = metrics.meterRegistry();
        ResourceStateMetrics state = new ResourceStateMetrics(metrics);
        PollMetrics poll = new PollMetrics(metrics, List.of(GLUE, INBOUND, ASSOCIATIONS));
        ScheduleMetrics schedule = new ScheduleMetrics(registry, Map.of(GLUE, java.time.Duration.ofMinutes(1)),
                source -> "sources." + source.label() + ".interval", 2, java.time.Clock.systemUTC());
        schedule.started(GLUE, java.time.Duration.ofMillis(300));
        new AlertMetrics(registry, List.of("slack"));
        StateStoreMetrics.register(registry, () -> OptionalLong.of(4096));
        KnownResource orders = glue(ACCOUNT, "orders", "FAILED", T0);
        var completedGlue = completed(GLUE, T0, List.of(orders),
                event(EventType.STATUS_CHANGED, GLUE, orders, "ACTIVE", "FAILED", T0));
        state.onPollCompleted(completedGlue);
        poll.onPollCompleted(completedGlue);
        state.onPollCompleted(completed(INBOUND, T0, List.of(inbound("in-1", "ACTIVE", T0))));
        state.onPollCompleted(completed(ASSOCIATIONS, T0, List.of(association("a-1", "COMPLETED", T0))));
        poll.onPollFailed(failed(INBOUND, PollErrorReason.TIMEOUT, 1));
        freshness(metrics).refresh();
        return metrics.scrape();
    }

    /** The freshness gauges (issue #14), per-table series opted in, over a Glue and a Redshift reading. */
    private static FreshnessMetrics freshness(PrometheusMetrics registry) {
        List<FreshnessReading> all = List.of(
                new FreshnessReading("arn:aws:glue:eu-west-1:" + ACCOUNT + ":integration:orders", "orders",
                        ResourceKind.GLUE_INTEGRATION, ACCOUNT, "eu-west-1", MetricSource.GLUE, T0, T0, null, null,
                        2.0, List.of("sales.items"), Set.of(FreshnessVerdict.TABLES_FAILING)),
                new FreshnessReading("arn:aws:rds:eu-west-1:" + ACCOUNT + ":integration:billing", "billing",
                        ResourceKind.RDS_INTEGRATION, ACCOUNT, "eu-west-1", MetricSource.REDSHIFT, T0, T0, 1200.0,
                        0.0, null, List.of(), Set.of(FreshnessVerdict.LAGGING)));
        return new FreshnessMetrics(registry, new FreshnessReadings() {
            @Override
            public Map<String, FreshnessReading> of(String accountId, String region) {
                return Map.of();
            }

            @Override
            public void replace(String accountId, String region, List<FreshnessReading> readings) {
            }

            @Override
            public List<FreshnessReading> all() {
                return all;
            }
        }, true);
    }

    private static Map<String, String> types(String exposition) {
        Map<String, String> types = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                types.put(parts[2], parts[3]);
            }
        }
        return types;
    }

    private static boolean onPath(String command) throws IOException {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator))
                .anyMatch(dir -> new File(dir, command).canExecute());
    }
}
