package io.integrationmonitor.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One target's resources of one kind, rendered once: sorted by their identity labels, each with its label
 * text (identity and info) and the offset of the status hole. The blocks of the kind's families are views of
 * it, so a resource's label text is kept once for all of them.
 */
final class TargetRows {
    private final ResourceLayout layout;
    private final ResourceRow[] rows;
    private final byte[][] identityText;
    private final int[] statusSplit;
    private final byte[][] infoText;
    /** The status-since value as written, {@code " 1.74E9\n"}: formatted once, not on every scrape. */
    private final byte[][] sinceText;

    private TargetRows(ResourceLayout layout, ResourceRow[] rows) {
        this.layout = layout;
        this.rows = rows;
        this.identityText = new byte[rows.length][];
        this.statusSplit = new int[rows.length];
        this.infoText = new byte[rows.length][];
        this.sinceText = new byte[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            sinceText[i] = RenderedBlock.valueText(rows[i].sinceMillis() / 1000.0);
            identityText[i] = layout.identityText(rows[i]);
            statusSplit[i] = layout.statusSplit(identityText[i]);
            infoText[i] = layout.infoText(rows[i]);
        }
    }

    /** Renders rows already {@link #sorted}. */
    static TargetRows of(ResourceLayout layout, ResourceRow[] sorted) {
        return new TargetRows(layout, sorted);
    }

    /** The values held, in identity order: what a new poll's rows are compared with. */
    static ResourceRow[] sorted(List<ResourceRow> rows) {
        ResourceRow[] sorted = rows.toArray(ResourceRow[]::new);
        Arrays.sort(sorted, (a, b) -> ResourceRow.compare(a.identity(), b.identity()));
        return sorted;
    }

    boolean holds(ResourceRow[] sortedRows) {
        return Arrays.equals(rows, sortedRows);
    }

    ResourceLayout layout() {
        return layout;
    }

    int size() {
        return rows.length;
    }

    ResourceRow row(int i) {
        return rows[i];
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

    /**
     * The state set's rows in Labels order: runs of resources equal in the labels sorting before status, and in
     * a run every status in order, each over the run's resources. All statuses per resource, or with
     * {@code currentOnly} only the current one.
     */
    int[] statusOrder(boolean currentOnly) {
        int statuses = layout.statuses().size();
        int at = layout.statusAt();
        List<Integer> order = new ArrayList<>();
        int start = 0;
        while (start < rows.length) {
            int end = start + 1;
            while (end < rows.length && Arrays.equals(rows[start].identity(), 0, at, rows[end].identity(), 0, at)) {
                end++;
            }
            for (int s = 0; s < statuses; s++) {
                for (int r = start; r < end; r++) {
                    if (!currentOnly || rows[r].status() == s) {
                        order.add(r * statuses + s);
                    }
                }
            }
            start = end;
        }
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The info family's rows: by the info labels, which sort differently from the identity. */
    int[] infoOrder() {
        Integer[] order = new Integer[rows.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing((Integer i) -> rows[i].info(), Arrays::compare));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }
}
