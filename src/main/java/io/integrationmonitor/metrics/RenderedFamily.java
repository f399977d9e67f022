package io.integrationmonitor.metrics;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A metric family whose samples are kept rendered, in blocks, one per owner (a poll target for the resource
 * families); a block is replaced whole when its owner changes. Never registered with the Prometheus client:
 * {@link CombinedExposition} writes it among the client's families, in their name order.
 */
final class RenderedFamily {
    enum Type { GAUGE, INFO, COUNTER, HISTOGRAM }

    private final MetricMetadata metadata;
    private final Type type;
    private final byte[] sampleName;
    private final Header text;
    private final Header openMetrics;
    private final Map<Object, RenderedBlock> blocks = new ConcurrentHashMap<>();
    /** The deflated pieces of the last scrape's merged runs, by the versions of the blocks in each. */
    private volatile Map<List<Long>, Deflated> mergedMembers = Map.of();

    RenderedFamily(String name, Type type, String help) {
        this.metadata = new MetricMetadata(name, help);
        this.type = type;
        this.sampleName = metadata.getPrometheusName().getBytes(StandardCharsets.UTF_8);
        ExpositionFormats formats = ExpositionFormats.init();
        this.text = new Header(headerOf(formats.getPrometheusTextFormatWriter()));
        this.openMetrics = new Header(headerOf(formats.getOpenMetricsTextFormatWriter()));
    }

    /** The name families sort by, as {@link MetricSnapshots} sorts them. */
    String sortName() {
        return metadata.getPrometheusName();
    }

    /** Name and help, for the snapshots whose data points a {@link DataPointBlock} keeps written. */
    MetricMetadata metadata() {
        return metadata;
    }

    /** The metric name at the start of every sample line (an info family's too, with its {@code _info}). */
    byte[] sampleName() {
        return sampleName;
    }

    Type type() {
        return type;
    }

    void replace(Object owner, RenderedBlock block) {
        if (block.rows() == 0) {
            blocks.remove(owner);
        } else {
            blocks.put(owner, block);
        }
    }

    void remove(Object owner) {
        blocks.remove(owner);
    }

    RenderedBlock block(Object owner) {
        return blocks.get(owner);
    }

    /** The blocks as of now, for one scrape. */
    List<RenderedBlock> blocks() {
        return new ArrayList<>(blocks.values());
    }

    Header header(boolean asOpenMetrics) {
        return asOpenMetrics ? openMetrics : text;
    }

    Map<List<Long>, Deflated> mergedMembers() {
        return mergedMembers;
    }

    void mergedMembers(Map<List<Long>, Deflated> members) {
        this.mergedMembers = Map.copyOf(members);
    }

    /** The HELP and TYPE lines exactly as the client's writer puts them, plain and deflated. */
    record Header(byte[] plain, Deflated deflated) {
        Header(byte[] plain) {
            this(plain, Deflated.of(out -> out.write(plain)));
        }
    }

    /**
     * The writer itself renders the header, over one placeholder sample that is then cut off: one
     * definition of the format, which differs between the two (order of HELP and TYPE, escaping, info).
     */
    private byte[] headerOf(ExpositionFormatWriter writer) {
        MetricSnapshot placeholder = switch (type) {
            case INFO -> new InfoSnapshot(metadata, List.of(new InfoDataPointSnapshot(Labels.EMPTY)));
            case GAUGE -> new GaugeSnapshot(metadata, List.of(new GaugeDataPointSnapshot(0, Labels.EMPTY, null)));
            case COUNTER -> new CounterSnapshot(metadata, List.of(new CounterDataPointSnapshot(0, Labels.EMPTY, null, 0)));
            case HISTOGRAM -> new HistogramSnapshot(metadata, List.of(new HistogramDataPointSnapshot(
                    ClassicHistogramBuckets.of(new double[] {Double.POSITIVE_INFINITY}, new long[] {0}), 0,
                    Labels.EMPTY, Exemplars.EMPTY, 0)));
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, MetricSnapshots.of(placeholder));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String written = out.toString(StandardCharsets.UTF_8);
        int end = 0;
        while (written.startsWith("#", end)) {
            end = written.indexOf('\n', end) + 1;
        }
        return written.substring(0, end).getBytes(StandardCharsets.UTF_8);
    }
}
