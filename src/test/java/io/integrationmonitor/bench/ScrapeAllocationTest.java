package io.integrationmonitor.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScrapeAllocationTest {

    @Test
    void theScrapesShareIsSeparatedFromTheBackgroundRate() {
        // given polls allocating 10 MB/s and scrapes 3 MB each: a 4 s burst of 15 scrapes, a 4 s idle stretch of 1
        double mb = 1048576;
        double burst = 10 * mb * 4 + 15 * 3 * mb;
        double idle = 10 * mb * 4 + 3 * mb;

        // when / then
        assertThat(ScrapeAllocation.perScrape(burst, 4, 15, idle, 4, 1)).isCloseTo(3 * mb, within(1.0));
        assertThat(ScrapeAllocation.backgroundPerSecond(burst, 4, 15, idle, 4, 1)).isCloseTo(10 * mb, within(1.0));
    }

    @Test
    void readingsThatCannotSeparateTheTwoGiveNoFigure() {
        // the same scrapes per second in both readings, or a missing counter
        assertThat(ScrapeAllocation.perScrape(100, 2, 2, 50, 1, 1)).isNaN();
        assertThat(ScrapeAllocation.perScrape(Double.NaN, 4, 15, 10, 4, 1)).isNaN();
    }
}
