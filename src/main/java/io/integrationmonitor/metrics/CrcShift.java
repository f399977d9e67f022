package io.integrationmonitor.metrics;

/**
 * CRC-32 (gzip's, reflected polynomial {@code 0xedb88320}) over concatenated texts without their bytes: the CRC of
 * {@code a + b} is {@code apply(over(len(b)), crc(a)) ^ crc(b)}, where {@code over(n)} is the linear operator on the
 * CRC register for n zero bytes (a 32x32 matrix over GF(2), by columns). zlib's {@code crc32_combine_gen} and
 * {@code crc32_combine_op}: the operator is computed once per kept piece, so a scrape combines in 32 steps per piece.
 */
final class CrcShift {
    private CrcShift() {
    }

    /** The operator for {@code length} zero bytes. */
    static int[] over(long length) {
        int[] odd = new int[32]; // one zero bit
        odd[0] = 0xedb88320;
        int row = 1;
        for (int n = 1; n < 32; n++) {
            odd[n] = row;
            row <<= 1;
        }
        int[] even = square(odd); // two zero bits
        odd = square(even); // four
        int[] result = identity();
        long n = length;
        while (n != 0) {
            even = square(odd); // first round: one byte
            if ((n & 1) != 0) {
                result = compose(even, result);
            }
            n >>>= 1;
            if (n == 0) {
                break;
            }
            odd = square(even);
            if ((n & 1) != 0) {
                result = compose(odd, result);
            }
            n >>>= 1;
        }
        return result;
    }

    /** The CRC of {@code a + b}, from {@code crc(a)}, {@code crc(b)} and {@code over(len(b))}. */
    static int combine(int crcA, int crcB, int[] overB) {
        return apply(overB, crcA) ^ crcB;
    }

    static int apply(int[] matrix, int vector) {
        int sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static int[] square(int[] matrix) {
        return compose(matrix, matrix);
    }

    /** {@code a} after {@code b}. */
    private static int[] compose(int[] a, int[] b) {
        int[] c = new int[32];
        for (int n = 0; n < 32; n++) {
            c[n] = apply(a, b[n]);
        }
        return c;
    }

    private static int[] identity() {
        int[] id = new int[32];
        for (int n = 0; n < 32; n++) {
            id[n] = 1 << n;
        }
        return id;
    }
}
