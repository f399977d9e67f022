package io.integrationmonitor.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A block of plain gauge rows, {@code name{labels} value}, each row its label values (in label-name order, for
 * sorting and comparing) and their rendered text, which rows of other families may share.
 */
final class LabelledBlock extends RenderedBlock {
    /** One gauge row; {@code text} is {@link LabelText} of the values. */
    record Row(String[] values, byte[] text, double value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && Double.compare(value, r.value) == 0 && Arrays.equals(values, r.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return Arrays.toString(values) + " " + value;
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
        Arrays.sort(sorted, Comparator.comparing(Row::values, Arrays::compare));
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
        return Arrays.compare(rows[row].values(), ((LabelledBlock) other).rows[otherRow].values());
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
