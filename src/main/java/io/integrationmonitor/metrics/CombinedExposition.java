package io.integrationmonitor.metrics;

import io.integrationmonitor.http.Exposition;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The whole exposition: the client registry's families (JVM, Micrometer, ...) written by client_java's writer,
 * and the pre-rendered families written from their stored pieces, all in client_java's family order, so that
 * the text is the same as if every family came from the registry. A gzip scrape is one gzip member spliced from
 * deflated pieces ({@link GzipStream}): kept ones for the rendered blocks, fresh ones for the rest.
 */
final class CombinedExposition implements Exposition {
    private static final byte[] EOF = "# EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final Deflated EOF_DEFLATED = Deflated.of(out -> out.write(EOF));

    private final PrometheusRegistry registry;
    private final RenderedExposition rendered;
    private final ExpositionFormatWriter text;
    private final ExpositionFormatWriter openMetrics;
    private final ScrapeCost cost;

    CombinedExposition(PrometheusRegistry registry, RenderedExposition rendered, ScrapeCost cost) {
        this.registry = registry;
        this.rendered = rendered;
        this.cost = cost;
        ExpositionFormats formats = ExpositionFormats.init();
        this.text = formats.getPrometheusTextFormatWriter();
        this.openMetrics = formats.getOpenMetricsTextFormatWriter();
    }

    @Override
    public Scrape collect(boolean asOpenMetrics, Predicate<String> includedNames) {
        ScrapeCost.Started started = cost.start();
        MetricSnapshots client = registry.scrape(includedNames);
        List<Object> parts = new ArrayList<>(); // MetricSnapshots (a run of client families) or BlockRuns
        List<MetricSnapshot> pending = new ArrayList<>();
        List<RenderedFamily> families = rendered.families();
        int f = 0;
        for (MetricSnapshot snapshot : client) {
            String name = snapshot.getMetadata().getPrometheusName();
            if (!includedNames.test(name)) {
                continue; // a multi-collector (Micrometer's) may return more than was asked for
            }
            while (f < families.size() && families.get(f).sortName().compareTo(name) < 0) {
                addRendered(families.get(f++), includedNames, parts, pending);
            }
            if (f < families.size() && families.get(f).sortName().equals(name)) {
                throw new IllegalStateException("metric family " + name + " is both rendered and registered");
            }
            pending.add(snapshot);
        }
        while (f < families.size()) {
            addRendered(families.get(f++), includedNames, parts, pending);
        }
        flush(pending, parts);
        ExpositionFormatWriter writer = asOpenMetrics ? openMetrics : text;
        return (body, gzip) -> {
            write(parts, writer, asOpenMetrics, body, gzip);
            cost.record(started, gzip);
        };
    }

    private static void addRendered(RenderedFamily family, Predicate<String> includedNames, List<Object> parts,
                                    List<MetricSnapshot> pending) {
        if (!includedNames.test(family.sortName())) {
            return;
        }
        BlockRuns runs = BlockRuns.of(family);
        if (!runs.isEmpty()) { // as the client's writer skips a family without data points
            flush(pending, parts);
            parts.add(new RenderedPart(family, runs));
        }
    }

    private static void flush(List<MetricSnapshot> pending, List<Object> parts) {
        if (!pending.isEmpty()) {
            parts.add(new MetricSnapshots(List.copyOf(pending)));
            pending.clear();
        }
    }

    private record RenderedPart(RenderedFamily family, BlockRuns runs) {
    }

    private static void write(List<Object> parts, ExpositionFormatWriter writer, boolean asOpenMetrics,
                              OutputStream body, boolean gzip) throws IOException {
        if (gzip) {
            writeGzip(parts, writer, asOpenMetrics, body);
            return;
        }
        for (Object part : parts) {
            if (part instanceof RenderedPart r) {
                body.write(r.family().header(asOpenMetrics).plain());
                r.runs().writePlain(body);
            } else {
                writer.write(asOpenMetrics ? new WithoutEof(new Deflated.Unclosed(body)) : body, (MetricSnapshots) part);
            }
        }
        if (asOpenMetrics) {
            body.write(EOF);
        }
        body.flush();
    }

    /** One gzip member: kept pieces for the rendered families, the client's families deflated now. */
    private static void writeGzip(List<Object> parts, ExpositionFormatWriter writer, boolean asOpenMetrics,
                                  OutputStream body) throws IOException {
        GzipStream gzip = new GzipStream(body);
        for (Object part : parts) {
            if (part instanceof RenderedPart r) {
                gzip.write(r.family().header(asOpenMetrics).deflated());
                r.runs().writeGzip(gzip);
            } else {
                MetricSnapshots snapshots = (MetricSnapshots) part;
                gzip.deflateNow(out -> writer.write(asOpenMetrics ? new WithoutEof(out) : out, snapshots));
            }
        }
        if (asOpenMetrics) {
            gzip.write(EOF_DEFLATED);
        }
        gzip.finish();
    }

    /**
     * The OpenMetrics writer ends every call with {@code # EOF}; the exposition writes several runs, and the
     * one end marker itself. Holds the last bytes back and drops them at flush if they are that marker.
     */
    private static final class WithoutEof extends FilterOutputStream {
        private final byte[] tail = new byte[EOF.length];
        private int held;

        WithoutEof(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len >= tail.length) {
                out.write(tail, 0, held);
                out.write(b, off, len - tail.length);
                System.arraycopy(b, off + len - tail.length, tail, 0, tail.length);
                held = tail.length;
                return;
            }
            int overflow = held + len - tail.length;
            if (overflow > 0) {
                out.write(tail, 0, overflow);
                System.arraycopy(tail, overflow, tail, 0, held - overflow);
                held -= overflow;
            }
            System.arraycopy(b, off, tail, held, len);
            held += len;
        }

        /** The writer flushes once, at its end: then the held bytes are the marker, or are passed on. */
        @Override
        public void flush() throws IOException {
            if (held == tail.length && Arrays.equals(tail, EOF)) {
                held = 0;
            }
            out.write(tail, 0, held);
            held = 0;
            out.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
