package io.integrationmonitor.metrics;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One gzip member (RFC 1952) spliced from deflated pieces: the header, each piece's raw deflate blocks in order,
 * an empty final block, then the CRC-32 and length of the whole text, combined from the pieces'. Not thread-safe:
 * one per response.
 */
final class GzipStream {
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    /** A final fixed-Huffman block holding only its end code: BFINAL=1, BTYPE=01, then seven zero bits. */
    private static final byte[] FINAL_BLOCK = {0x03, 0x00};

    private final OutputStream body;
    private int crc;
    private long length;

    GzipStream(OutputStream body) throws IOException {
        this.body = body;
        body.write(HEADER);
    }

    void write(Deflated piece) throws IOException {
        body.write(piece.data());
        append(piece.crc(), piece.length(), piece.crcShift());
    }

    /** Deflates {@code content} now, straight into the body (for parts that change at every scrape). */
    void deflateNow(Deflated.Content content) throws IOException {
        Deflated.Written written = Deflated.deflate(content, body, Deflated.SCRAPE_LEVEL);
        append(written.crc(), written.length(), CrcShift.over(written.length()));
    }

    private void append(int pieceCrc, long pieceLength, int[] shift) {
        crc = CrcShift.combine(crc, pieceCrc, shift); // the CRC of no text is 0: the first piece's is its own
        length += pieceLength;
    }

    /** Ends the member; leaves the body open. */
    void finish() throws IOException {
        body.write(FINAL_BLOCK);
        writeIntLe(crc);
        writeIntLe((int) length); // ISIZE: the length modulo 2^32
        body.flush();
    }

    private void writeIntLe(int v) throws IOException {
        body.write(v & 0xff);
        body.write((v >>> 8) & 0xff);
        body.write((v >>> 16) & 0xff);
        body.write((v >>> 24) & 0xff);
    }
}
