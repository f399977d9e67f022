package io.integrationmonitor.metrics;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * One owner's samples of one rendered family, sorted as client_java sorts data points (by their labels), and
 * immutable: a changed owner gets a new block with a new version. Rows are assembled from compact pieces when
 * written; the gzip member of all rows is built on first use and kept for the block's life.
 */
abstract class RenderedBlock {
    private final long version;
    private volatile byte[] gzipMember;

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

    /** A gzip member (RFC 1952) of every row: members concatenate into one valid gzip stream. */
    byte[] gzipMember() {
        byte[] member = gzipMember;
        if (member == null) {
            // racing scrapes may both build it: the same bytes, so either may win
            member = gzip(this::writeRows);
            gzipMember = member;
        }
        return member;
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

    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    static byte[] gzip(Content content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // buffered: rows arrive in small pieces, and each write to the deflater costs
        try (OutputStream gzip = new BufferedOutputStream(new GZIPOutputStream(bytes, 8192), 8192)) {
            content.writeTo(gzip);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: does not happen
        }
        return bytes.toByteArray();
    }
}
