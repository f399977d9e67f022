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
}
