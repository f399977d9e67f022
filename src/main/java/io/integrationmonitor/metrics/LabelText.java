package io.integrationmonitor.metrics;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Label text between a sample's braces, {@code a="x",b="y"}, escaped as the Prometheus client escapes values. */
final class LabelText {
    private LabelText() {
    }

    /** Names in the order they are written (sorted, as the client sorts them), each with its value. */
    static byte[] of(String[] names, String[] values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * values.length);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(label(names[i], values[i]));
        }
        return out.toByteArray();
    }

    static byte[] label(String name, String value) {
        StringBuilder s = new StringBuilder(name.length() + value.length() + 4).append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> s.append("\\\\");
                case '"' -> s.append("\\\"");
                case '\n' -> s.append("\\n");
                default -> s.append(c);
            }
        }
        return s.append('"').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@link #compare(byte[], int, int, byte[], int, int)} over the whole of both texts. */
    static int compare(byte[] a, byte[] b) {
        return compare(a, 0, a.length, b, 0, b.length);
    }

    /**
     * Orders two label texts of the same label names, {@code a="x",b="y"} as {@link #of} writes them, as their
     * values' Strings compare one label after another (UTF-16 code units, as {@code Labels.compareTo} orders
     * data points), read from the escaped UTF-8 without decoding it into Strings. A range may end with the comma
     * before its next label.
     */
    static int compare(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
        int i = aFrom;
        int j = bFrom;
        while (i < aTo && j < bTo) {
            i = valueStart(a, i);
            j = valueStart(b, j);
            while (true) {
                long x = next(a, i);
                long y = next(b, j);
                int cx = (int) x;
                int cy = (int) y;
                if (cx != cy) {
                    return Integer.compare(cx, cy); // a value's end (-1) sorts before any character, as in String
                }
                i = (int) (x >>> 32);
                j = (int) (y >>> 32);
                if (cx == END) {
                    break;
                }
            }
            i = i < aTo && a[i] == ',' ? i + 1 : i;
            j = j < bTo && b[j] == ',' ? j + 1 : j;
        }
        return Boolean.compare(i < aTo, j < bTo);
    }

    private static final int END = -1;

    /** The offset after a label's {@code ="}; names are plain ASCII without quotes. */
    private static int valueStart(byte[] text, int offset) {
        int i = offset;
        while (text[i] != '"') {
            i++;
        }
        return i + 1;
    }

    /**
     * The character at offset, unescaped and decoded, and the offset after it, packed as {@code offset << 32 |
     * key}; the key is {@link #END} at the value's closing quote. Keys order as UTF-16 code units do at the
     * first difference: a supplementary character's high surrogate (D800-DBFF) sorts after U+D7FF and before
     * U+E000, so U+E000-U+FFFF get keys above every supplementary code point.
     */
    private static long next(byte[] text, int offset) {
        int b = text[offset] & 0xff;
        int codePoint;
        int length;
        if (b == '"') {
            return pack(offset + 1, END);
        } else if (b == '\\') {
            int escaped = text[offset + 1];
            return pack(offset + 2, escaped == 'n' ? '\n' : escaped);
        } else if (b < 0x80) {
            return pack(offset + 1, b);
        } else if (b < 0xE0) {
            codePoint = (b & 0x1F) << 6 | text[offset + 1] & 0x3F;
            length = 2;
        } else if (b < 0xF0) {
            codePoint = (b & 0x0F) << 12 | (text[offset + 1] & 0x3F) << 6 | text[offset + 2] & 0x3F;
            length = 3;
        } else {
            codePoint = (b & 0x07) << 18 | (text[offset + 1] & 0x3F) << 12 | (text[offset + 2] & 0x3F) << 6
                    | text[offset + 3] & 0x3F;
            length = 4;
        }
        return pack(offset + length, codePoint >= 0xE000 && codePoint <= 0xFFFF ? codePoint + 0x110000 : codePoint);
    }

    private static long pack(int offset, int key) {
        return (long) offset << 32 | key & 0xFFFFFFFFL;
    }
}
