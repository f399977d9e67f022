package io.integrationmonitor.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One target's resources of one kind, rendered once: sorted by their identity labels, each with its label
 * text (identity and info), the offset of the status hole and its values. Only the rendered text is kept, not
 * the label values it was written from: orders among rendered rows are read from the text ({@link
 * LabelText#compare}). The blocks of the kind's families are views of it, so a resource's label text is kept
 * once for all of them.
 */
final class TargetRows {
    private final ResourceLayout layout;
    private final byte[][] identityText;
    private final int[] statusSplit;
    private final byte[][] infoText;
    /** The status-since value as written, {@code " 1.74E9\n"}: formatted once, not on every scrape. */
    private final byte[][] sinceText;
    private final byte[] status;
    private final boolean[] stuck;
    private final int[] errors;

    private TargetRows(ResourceLayout layout, ResourceRow[] rows) {
        this.layout = layout;
        int n = rows.length;
        this.identityText = new byte[n][];
        this.statusSplit = new int[n];
        this.infoText = new byte[n][];
        this.sinceText = new byte[n][];
        this.status = new byte[n];
        this.stuck = new boolean[n];
        this.errors = new int[n];
        for (int i = 0; i < n; i++) {
            ResourceRow row = rows[i];
            identityText[i] = layout.identityText(row);
            statusSplit[i] = layout.statusSplit(identityText[i]);
            infoText[i] = layout.infoText(row);
            sinceText[i] = RenderedBlock.valueText(row.sinceMillis() / 1000.0);
            status[i] = (byte) row.status();
            stuck[i] = row.stuck();
            errors[i] = row.errors();
        }
    }

    /** Renders rows already {@link #sorted}. */
    static TargetRows of(ResourceLayout layout, ResourceRow[] sorted) {
        return new TargetRows(layout, sorted);
    }

    /** A poll's rows in identity order, as the client sorts its data points. */
    static ResourceRow[] sorted(List<ResourceRow> rows) {
        ResourceRow[] sorted = rows.toArray(ResourceRow[]::new);
        Arrays.sort(sorted, (a, b) -> ResourceRow.compare(a.identity(), b.identity()));
        return sorted;
    }

    /** Whether the two write the same rows: a poll that changed nothing keeps the rendered rows it held. */
    boolean sameAs(TargetRows other) {
        return layout == other.layout && Arrays.equals(status, other.status) && Arrays.equals(stuck, other.stuck)
                && Arrays.equals(errors, other.errors) && Arrays.deepEquals(sinceText, other.sinceText)
                && Arrays.deepEquals(identityText, other.identityText) && Arrays.deepEquals(infoText, other.infoText);
    }

    ResourceLayout layout() {
        return layout;
    }

    int size() {
        return identityText.length;
    }

    byte[] identityText(int i) {
        return identityText[i];
    }

    int statusSplit(int i) {
        return statusSplit[i];
    }

    byte[] infoText(int i) {
        return infoText[i];
    }

    byte[] sinceText(int i) {
        return sinceText[i];
    }

    int status(int i) {
        return status[i];
    }

    boolean stuck(int i) {
        return stuck[i];
    }

    int errors(int i) {
        return errors[i];
    }

    /** The info family's rows: by the info labels, which sort differently from the identity. */
    int[] infoOrder() {
        Integer[] order = new Integer[size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> LabelText.compare(infoText[a], infoText[b]));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /**
     * The state set's rows in Labels order: runs of resources equal in the labels sorting before status, and in
     * a run every status in order, each over the run's resources. All statuses per resource, or with
     * {@code currentOnly} only the current one.
     */
    int[] statusOrder(boolean currentOnly) {
        int statuses = layout.statuses().size();
        List<Integer> order = new ArrayList<>();
        int start = 0;
        while (start < size()) {
            int end = start + 1;
            // the same label text before the hole is the same values there: escaping is one to one
            while (end < size() && Arrays.equals(identityText[start], 0, statusSplit[start],
                    identityText[end], 0, statusSplit[end])) {
                end++;
            }
            for (int s = 0; s < statuses; s++) {
                for (int r = start; r < end; r++) {
                    if (!currentOnly || status[r] == s) {
                        order.add(r * statuses + s);
                    }
                }
            }
            start = end;
        }
        return order.stream().mapToInt(Integer::intValue).toArray();
    }
}
