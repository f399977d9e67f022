package io.integrationmonitor.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A block of plain gauge rows, {@code name{labels} value}, each row its rendered label text, which rows of other
 * families may share. All rows of a family have the same label names, so their text orders and compares as
 * their values would ({@link LabelText#compare}); the values themselves are not kept.
 */
final class LabelledBlock extends RenderedBlock {
    /** One gauge row; {@code text} is {@link LabelText} of the row's label values. */
    record Row(byte[] text, double value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && Double.compare(value, r.value) == 0 && Arrays.equals(text, r.text);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(text);
        }

        @Override
        public String toString() {
            return new String(text, StandardCharsets.UTF_8) + " " + value;
        }
    }

    private final byte[] name;
    private final Row[] rows;

    private LabelledBlock(long version, byte[] name, Row[] rows) {
        super(version);
        this.name = name;
        this.rows = rows;
    }

    /** Sorts the rows as the client sorts data points. */
    static LabelledBlock of(long version, byte[] name, List<Row> rows) {
        Row[] sorted = sorted(rows);
        return new LabelledBlock(version, name, sorted);
    }

    private static Row[] sorted(List<Row> rows) {
        Row[] sorted = rows.toArray(Row[]::new);
        Arrays.sort(sorted, (a, b) -> LabelText.compare(a.text(), b.text()));
        return sorted;
    }

    /** Whether this block already holds exactly these rows (then the block and its gzip member stay). */
    boolean holds(List<Row> rows) {
        return Arrays.equals(this.rows, sorted(new ArrayList<>(rows)));
    }

    @Override
    int rows() {
        return rows.length;
    }

    @Override
    int compare(int row, RenderedBlock other, int otherRow) {
        return LabelText.compare(rows[row].text(), ((LabelledBlock) other).rows[otherRow].text());
    }

    @Override
    void writeRow(int row, OutputStream out) throws IOException {
        out.write(name);
        out.write('{');
        out.write(rows[row].text());
        out.write('}');
        writeValue(rows[row].value(), out);
    }
}
