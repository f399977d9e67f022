package io.integrationmonitor.metrics;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A piece of text compressed once, to be spliced into a single gzip stream ({@link GzipStream}) with other pieces:
 * raw deflate blocks ending on a byte boundary (a sync flush, no final block), the CRC-32 of the text and the
 * operator that carries a CRC over that many bytes (so the stream's CRC is combined without the text; the same
 * arithmetic as zlib's {@code crc32_combine}). One gzip member instead of concatenated members: curl, browsers and
 * Java's {@code GZIPInputStream} read only the first member of a stream.
 *
 * @param length bytes of text
 */
record Deflated(byte[] data, int crc, long length, int[] crcShift) {
    /** Pieces kept for the life of a block: worth the better ratio. */
    static final int KEPT_LEVEL = Deflater.DEFAULT_COMPRESSION;
    /** Parts compressed at every scrape: cheaper. */
    static final int SCRAPE_LEVEL = Deflater.BEST_SPEED;
    /**
     * The deflater's and the text's buffers: most pieces are one target's few rows, deflated at the scrape after
     * its poll, for which the JDK's 8 KB buffers would be two 8 KB arrays per piece and scrape.
     */
    private static final int BUFFER = 1024;

    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    static Deflated of(Content content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Written written;
        try {
            written = deflate(content, bytes, KEPT_LEVEL);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: does not happen
        }
        return new Deflated(bytes.toByteArray(), written.crc(), written.length(), CrcShift.over(written.length()));
    }

    /** What {@link #deflate} wrote: the text's CRC-32 and length. */
    record Written(int crc, long length) {
    }

    /** Deflates {@code content} into {@code out} as raw deflate blocks ending on a byte boundary; leaves it open. */
    static Written deflate(Content content, OutputStream sink, int level) throws IOException {
        Deflater deflater = new Deflater(level, true);
        CRC32 crc = new CRC32();
        long[] length = {0};
        try {
            DeflaterOutputStream deflating = new DeflaterOutputStream(new Unclosed(sink), deflater, BUFFER, true);
            // buffered: text arrives in small pieces, and each call into the deflater costs
            OutputStream text = new BufferedOutputStream(new FilterOutputStream(deflating) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    crc.update(b, off, len);
                    length[0] += len;
                    out.write(b, off, len);
                }

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void close() throws IOException {
                    flush(); // a writer that closes its stream must not end the deflate stream
                }
            }, BUFFER);
            content.writeTo(text);
            text.flush(); // the sync flush: every byte out, ending on a byte boundary, no final block
        } finally {
            deflater.end();
        }
        return new Written((int) crc.getValue(), length[0]);
    }

    /** Passes bytes on but never closes what it wraps. */
    static final class Unclosed extends FilterOutputStream {
        Unclosed(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
