package io.integrationmonitor.bench;

/**
 * Allocation per scrape while polls keep allocating in the background: two readings of the allocation counter
 * (each between forced GCs), one over a burst of scrapes and one over an idle stretch, each also holding the scrapes
 * that took the readings. With a background rate r and s per scrape: burst = r x burstSeconds + burstScrapes x s,
 * idle = r x idleSeconds + idleScrapes x s; solved for s. Pure.
 */
final class ScrapeAllocation {
    private ScrapeAllocation() {
    }

    /** Bytes per scrape; NaN when the two readings cannot separate the scrapes from the background. */
    static double perScrape(double burstBytes, double burstSeconds, int burstScrapes,
                            double idleBytes, double idleSeconds, int idleScrapes) {
        double denominator = burstScrapes * idleSeconds - idleScrapes * burstSeconds;
        if (Double.isNaN(burstBytes) || Double.isNaN(idleBytes) || idleSeconds <= 0 || Math.abs(denominator) < 1e-9) {
            return Double.NaN;
        }
        return (burstBytes * idleSeconds - idleBytes * burstSeconds) / denominator;
    }

    /** The background rate the same two readings imply, bytes per second. */
    static double backgroundPerSecond(double burstBytes, double burstSeconds, int burstScrapes,
                                      double idleBytes, double idleSeconds, int idleScrapes) {
        double s = perScrape(burstBytes, burstSeconds, burstScrapes, idleBytes, idleSeconds, idleScrapes);
        return Double.isNaN(s) ? Double.NaN : (idleBytes - idleScrapes * s) / idleSeconds;
    }
}
