package io.integrationmonitor.text;

/**
 * Makes untrusted text (names, messages and tags from AWS, values from API requests) inert for people and
 * line-oriented sinks: every control character and every character that reorders or splits what a reader
 * sees is replaced by a visible escape, so an operator sees that something was there.
 *
 * <ul>
 *   <li>{@code \n}, {@code \r}, {@code \t} become those two-character escapes;</li>
 *   <li>other C0 controls, DEL and the C1 controls (U+0080–U+009F) become {@code \}{@code uXXXX};</li>
 *   <li>so do the bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F,
 *       U+202A–U+202E, U+2066–U+2069) and the line and paragraph separators U+2028, U+2029.</li>
 * </ul>
 *
 * Everything else, including the backslash, is kept: the output is one line and reads left to right as
 * stored, but an escape-looking sequence in the input is not distinguishable from an escape. Text that needs
 * no change is returned as is, without copying.
 */
public final class InertText {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private InertText() {
    }

    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (!isUnsafe(ch)) {
                out.append(ch);
                continue;
            }
            switch (ch) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append("\\u").append(HEX[ch >> 12 & 0xF]).append(HEX[ch >> 8 & 0xF])
                        .append(HEX[ch >> 4 & 0xF]).append(HEX[ch & 0xF]);
            }
        }
        return out.toString();
    }

    /** Whether {@link #escape} would change this character. All unsafe characters are in the BMP. */
    public static boolean isUnsafe(char ch) {
        return ch < 0x20 || (ch >= 0x7F && ch <= 0x9F)
                || ch == '\u061C' || ch == '\u200E' || ch == '\u200F'
                || (ch >= '\u2028' && ch <= '\u202E')
                || (ch >= '\u2066' && ch <= '\u2069');
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isUnsafe(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
