package io.integrationmonitor.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Predicate;

/**
 * What {@code GET /metrics} serves, implemented outside this package (the composition root passes it in), so
 * that http does not depend on how the families are kept.
 */
public interface Exposition {
    /**
     * Takes everything to be written now, before any response header is sent: a failing collector throws
     * here and the client gets a 500. Only the families whose Prometheus name {@code includedNames} accepts are
     * written (as client_java's {@code name[]} filter: the name without {@code _total}, {@code _count}, ...).
     */
    Scrape collect(boolean openMetrics, Predicate<String> includedNames);

    /** Every family. */
    default Scrape collect(boolean openMetrics) {
        return collect(openMetrics, name -> true);
    }

    /** One collected exposition, ready to be written once. */
    interface Scrape {
        /** Writes the body, as one gzip stream when {@code gzip}; does not close {@code body}. */
        void write(OutputStream body, boolean gzip) throws IOException;
    }
}
