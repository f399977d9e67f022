package io.integrationmonitor.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One target's rows of one of a kind's families, over the target's rendered resources ({@link TargetRows}):
 * a gauge row is {@code name{identity} value}, a status row the identity with the status label in its hole,
 * an info row {@code name{info labels} 1}.
 */
final class ResourceBlock extends RenderedBlock {
    enum Sample { STATUS, STUCK, INFO, ERRORS, SINCE }

    private static final byte[] ONE = " 1.0\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZERO = " 0.0\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INFO_VALUE = "} 1\n".getBytes(StandardCharsets.US_ASCII);

    private final byte[] name;
    private final Sample sample;
    private final TargetRows target;
    /** Row to resource (and status, for STATUS: resource * statuses + status); null: the identity order. */
    private final int[] order;

    ResourceBlock(long version, byte[] name, Sample sample, TargetRows target, int[] order) {
        super(version);
        this.name = name;
        this.sample = sample;
        this.target = target;
        this.order = order;
    }

    @Override
    int rows() {
        return order == null ? target.size() : order.length;
    }

    private int resource(int row) {
        if (order == null) {
            return row;
        }
        return sample == Sample.STATUS ? order[row] / target.layout().statuses().size() : order[row];
    }

    private int status(int row) {
        return order[row] % target.layout().statuses().size();
    }

    @Override
    int compare(int row, RenderedBlock otherBlock, int otherRow) {
        ResourceBlock other = (ResourceBlock) otherBlock;
        int a = resource(row);
        int b = other.resource(otherRow);
        return switch (sample) {
            case INFO -> LabelText.compare(target.infoText(a), other.target.infoText(b));
            case STATUS -> compareStatusRows(a, status(row), other.target, b, other.status(otherRow));
            default -> LabelText.compare(target.identityText(a), other.target.identityText(b));
        };
    }

    /** As Labels compare: the values in label-name order, with status at its place among the identity's. */
    private int compareStatusRows(int a, int aStatus, TargetRows otherTarget, int b, int bStatus) {
        byte[] aText = target.identityText(a);
        byte[] bText = otherTarget.identityText(b);
        int aSplit = target.statusSplit(a);
        int bSplit = otherTarget.statusSplit(b);
        int c = LabelText.compare(aText, 0, aSplit, bText, 0, bSplit);
        if (c != 0) {
            return c;
        }
        c = target.layout().statuses().get(aStatus).compareTo(target.layout().statuses().get(bStatus));
        if (c != 0) {
            return c;
        }
        return LabelText.compare(aText, aSplit, aText.length, bText, bSplit, bText.length);
    }

    @Override
    void writeRow(int row, OutputStream out) throws IOException {
        int r = resource(row);
        out.write(name);
        out.write('{');
        if (sample == Sample.INFO) {
            out.write(target.infoText(r));
            out.write(INFO_VALUE);
            return;
        }
        byte[] identity = target.identityText(r);
        if (sample == Sample.STATUS) {
            int split = target.statusSplit(r);
            int status = status(row);
            out.write(identity, 0, split);
            if (split == identity.length && split > 0) {
                out.write(',');
            }
            out.write(target.layout().statusLabel(status));
            if (split < identity.length) {
                out.write(',');
                out.write(identity, split, identity.length - split);
            }
            out.write('}');
            out.write(status == target.status(r) ? ONE : ZERO);
            return;
        }
        out.write(identity);
        out.write('}');
        switch (sample) {
            case STUCK -> out.write(target.stuck(r) ? ONE : ZERO);
            case ERRORS -> writeValue(target.errors(r), out);
            default -> out.write(target.sinceText(r));
        }
    }
}
