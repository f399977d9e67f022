package io.integrationmonitor.metrics;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ScrapeCostTest {
    @Test
    void aScrapeReportsTheTimeAndHeapOfTheScrapesBeforeItPerEncoding() throws Exception {
        try (PrometheusMetrics metrics = PrometheusMetrics.create("test")) {
            // given one plain scrape and one gzip scrape served
            metrics.scrape();
            metrics.exposition().collect(false).write(new ByteArrayOutputStream(), true);

            // when the next scrape is read
            String text = metrics.scrape();

            // then it counts each, with the heap its thread allocated and the time it took
            assertThat(value(text, "integration_monitor_scrape_allocated_bytes_count{encoding=\"identity\"}"))
                    .isEqualTo(1.0);
            assertThat(value(text, "integration_monitor_scrape_allocated_bytes_count{encoding=\"gzip\"}"))
                    .isEqualTo(1.0);
            // a scrape builds the client's snapshots at least: never nothing, never gigabytes
            assertThat(value(text, "integration_monitor_scrape_allocated_bytes_sum{encoding=\"identity\"}"))
                    .isBetween(1.0, 1e9);
            assertThat(value(text, "integration_monitor_scrape_duration_seconds_count{encoding=\"gzip\"}"))
                    .isEqualTo(1.0);
            assertThat(value(text, "integration_monitor_scrape_duration_seconds_sum{encoding=\"identity\"}"))
                    .isPositive();
        }
    }

    private static double value(String text, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
        assertThat(m.find()).as("%s in the exposition", series).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
