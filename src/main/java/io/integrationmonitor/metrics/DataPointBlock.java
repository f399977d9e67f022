package io.integrationmonitor.metrics;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One owner's data points of one family, each written once by the client's own text writer (so a histogram's
 * {@code _bucket}, {@code _count} and {@code _sum} lines are the writer's) and kept as bytes, sorted by labels as
 * the client sorts data points. For families whose values change only when their owner does (a target's poll
 * health): rendered at the change instead of at every scrape.
 *
 * <p>Without created timestamps and exemplars the writer's sample lines are the same in the text format and in
 * OpenMetrics; only the header differs, and {@link RenderedFamily} keeps both.
 */
final class DataPointBlock extends RenderedBlock {
    /** The writer's sample lines of one data point. */
    record Row(Labels labels, byte[] text) {
    }

    private static final ExpositionFormatWriter WRITER = ExpositionFormats.init().getPrometheusTextFormatWriter();

    private final Row[] rows;

    private DataPointBlock(long version, Row[] rows) {
        super(version);
        this.rows = rows;
    }

    /**
     * The owner's rows of {@code family}, in place of what it had, unless its block already holds exactly these
     * rows: then the block, its version and its kept gzip piece stay (a poll changes a few of a target's families;
     * a new version for the others would re-deflate them and every merged run they are in at the next scrape).
     */
    static void publish(RenderedExposition exposition, RenderedFamily family, Object owner, List<Row> rows) {
        Row[] sorted = sorted(rows);
        if (family.block(owner) instanceof DataPointBlock held && held.holds(sorted)) {
            return;
        }
        family.replace(owner, new DataPointBlock(exposition.nextVersion(), sorted));
    }

    private static Row[] sorted(List<Row> rows) {
        Row[] sorted = rows.toArray(Row[]::new);
        Arrays.sort(sorted, Comparator.comparing(Row::labels));
        return sorted;
    }

    private boolean holds(Row[] sorted) {
        if (sorted.length != rows.length) {
            return false;
        }
        for (int i = 0; i < sorted.length; i++) {
            if (!sorted[i].labels().equals(rows[i].labels()) || !Arrays.equals(sorted[i].text(), rows[i].text())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The sample lines the client's writer writes for a snapshot of exactly one data point, without the
     * HELP and TYPE lines.
     */
    static Row row(MetricSnapshot oneDataPoint) {
        if (oneDataPoint.getDataPoints().size() != 1) {
            throw new IllegalArgumentException("one data point per row, not " + oneDataPoint.getDataPoints().size());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            WRITER.write(out, MetricSnapshots.of(oneDataPoint));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: does not happen
        }
        byte[] written = out.toByteArray();
        int start = 0;
        while (start < written.length && written[start] == '#') {
            while (written[start] != '\n') {
                start++;
            }
            start++;
        }
        return new Row(oneDataPoint.getDataPoints().get(0).getLabels(), Arrays.copyOfRange(written, start, written.length));
    }

    @Override
    int rows() {
        return rows.length;
    }

    @Override
    int compare(int row, RenderedBlock other, int otherRow) {
        return rows[row].labels().compareTo(((DataPointBlock) other).rows[otherRow].labels());
    }

    @Override
    void writeRow(int row, OutputStream out) throws IOException {
        out.write(rows[row].text());
    }
}
