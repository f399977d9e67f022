package io.integrationmonitor.metrics;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class GzipStreamTest {
    private final Random random = new Random(42);

    @Test
    void theCrcOfConcatenatedTextsIsCombinedFromTheirsWithoutTheirBytes() {
        for (int length : new int[] {0, 1, 7, 8, 255, 4096, 70_001, 1 << 20}) {
            // given two texts
            byte[] a = bytes(random.nextInt(5000));
            byte[] b = bytes(length);

            // when their CRCs are combined
            int combined = CrcShift.combine(crc(a), crc(b), CrcShift.over(b.length));

            // then it is the CRC of a + b
            byte[] ab = new byte[a.length + b.length];
            System.arraycopy(a, 0, ab, 0, a.length);
            System.arraycopy(b, 0, ab, a.length, b.length);
            assertThat(combined).as("length %d", length).isEqualTo(crc(ab));
        }
    }

    @Test
    void keptAndFreshPiecesMakeOneGzipMemberOfTheirText() throws IOException {
        // given pieces kept from earlier and text deflated now, some empty
        StringBuilder expected = new StringBuilder();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        GzipStream gzip = new GzipStream(body);
        for (int i = 0; i < 20; i++) {
            String text = i % 5 == 0 ? "" : "metric_" + i + "{a=\"" + "x".repeat(random.nextInt(3000)) + "\"} 1.0\n";
            expected.append(text);
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            if (i % 2 == 0) {
                gzip.write(Deflated.of(out -> out.write(utf8)));
            } else {
                gzip.deflateNow(out -> out.write(utf8));
            }
        }

        // when finished
        gzip.finish();

        // then a reader that gets one byte at a time, with nothing "available" between (as from a socket), reads it all
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(body.toByteArray())) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(1, len));
            }

            @Override
            public int available() {
                return 0;
            }
        };
        try (InputStream in = new GZIPInputStream(trickle)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(expected.toString());
        }
    }

    @Test
    void noPiecesAtAllIsStillAGzipStream() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        new GzipStream(body).finish();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body.toByteArray()))) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    private byte[] bytes(int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    private static int crc(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b);
        return (int) crc.getValue();
    }
}
