package io.integrationmonitor.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One owner's samples of one rendered family, sorted as client_java sorts data points (by their labels), and
 * immutable: a changed owner gets a new block with a new version. Rows are assembled from compact pieces when
 * written; the deflated piece of all rows is built on first use and kept for the block's life.
 */
abstract class RenderedBlock {
    private final long version;
    private volatile Deflated deflated;

    RenderedBlock(long version) {
        this.version = version;
    }

    long version() {
        return version;
    }

    abstract int rows();

    /**
     * Orders row {@code row} of this block against row {@code otherRow} of another block of the same family,
     * as {@code Labels.compareTo} would order their data points.
     */
    abstract int compare(int row, RenderedBlock other, int otherRow);

    /** One sample line, with its trailing newline. */
    abstract void writeRow(int row, OutputStream out) throws IOException;

    void writeRows(OutputStream out) throws IOException {
        for (int row = 0; row < rows(); row++) {
            writeRow(row, out);
        }
    }

    /** Every row, deflated for a gzip scrape ({@link GzipStream}). */
    Deflated deflated() {
        Deflated piece = deflated;
        if (piece == null) {
            // racing scrapes may both build it: the same bytes, so either may win
            piece = Deflated.of(this::writeRows);
            deflated = piece;
        }
        return piece;
    }

    private static final byte[] ZERO = " 0.0\n".getBytes(StandardCharsets.US_ASCII);

    /** A sample's value after its labels, as the client's writer formats a double, with the line's end. */
    static void writeValue(double value, OutputStream out) throws IOException {
        if (value == 0 && Double.doubleToRawLongBits(value) == 0) {
            out.write(ZERO);
        } else {
            out.write(valueText(value));
        }
    }

    /** {@code " <value>\n"}: the client writes {@code Double.toString}, and {@code +Inf}/{@code -Inf}. */
    static byte[] valueText(double value) {
        String text = value == Double.POSITIVE_INFINITY ? "+Inf"
                : value == Double.NEGATIVE_INFINITY ? "-Inf" : Double.toString(value);
        return (" " + text + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}
