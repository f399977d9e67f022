package io.integrationmonitor.alert.outbox;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class AlertMetricsTest {
    private static final Pattern FIRING =
            Pattern.compile("^integration_monitor_alerts_firing\\{condition=\"([a-z_]+)\",kind=\"([a-z_]+)\"} ", Pattern.MULTILINE);

    @Test
    void theFiringGaugeExportsOnlyConditionKindPairsThatCanExist() {
        // given the alerting metrics of a fresh process
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new AlertMetrics(registry, List.of("slack"));

        // when scraped
        Matcher m = FIRING.matcher(registry.scrape());
        List<String> pairs = m.results().map(r -> r.group(1) + " " + r.group(2)).toList();

        // then an integration kind (Glue, RDS, Redshift) fails or needs attention, an association's execution fails; all can be stuck and
        // all have a source that can fail to be polled; a table event names a Glue, RDS or Redshift integration; every
        // zero-ETL integration can be stale, lagging or have failing tables (CloudWatch); nothing else (no
        // execution_failed Glue integration, no stale association)
        assertThat(pairs).containsExactlyInAnyOrder(
                "failed glue_integration", "needs_attention glue_integration", "stuck glue_integration",
                "poll_failing glue_integration", "table_ingestion_failed glue_integration",
                "failed glue_inbound_integration", "needs_attention glue_inbound_integration",
                "stuck glue_inbound_integration", "poll_failing glue_inbound_integration",
                "execution_failed appintegrations_association", "stuck appintegrations_association",
                "poll_failing appintegrations_association",
                "failed rds_integration", "needs_attention rds_integration", "stuck rds_integration",
                "poll_failing rds_integration", "table_ingestion_failed rds_integration",
                "failed redshift_integration", "needs_attention redshift_integration", "stuck redshift_integration",
                "poll_failing redshift_integration", "table_ingestion_failed redshift_integration",
                "failed redshift_inbound_integration", "needs_attention redshift_inbound_integration",
                "stuck redshift_inbound_integration", "poll_failing redshift_inbound_integration",
                "stale glue_integration", "lagging glue_integration", "tables_failing glue_integration",
                "stale glue_inbound_integration", "lagging glue_inbound_integration",
                "tables_failing glue_inbound_integration",
                "stale rds_integration", "lagging rds_integration", "tables_failing rds_integration",
                "stale redshift_integration", "lagging redshift_integration", "tables_failing redshift_integration",
                "stale redshift_inbound_integration", "lagging redshift_inbound_integration",
                "tables_failing redshift_inbound_integration");
        registry.close();
    }
}
