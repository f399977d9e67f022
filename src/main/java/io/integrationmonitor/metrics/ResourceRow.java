package io.integrationmonitor.metrics;

import java.util.Arrays;

/**
 * What one resource's series say, as values ({@link ResourceLayout#row}): label values in sorted label-name
 * order, the current status's index among the kind's sorted statuses, stuck, error count, status-since.
 * Lives only while a poll's rows are sorted and rendered ({@link TargetRows}); what is held is the text.
 */
record ResourceRow(String[] identity, String[] info, int status, boolean stuck, int errors, long sinceMillis) {
    ResourceRow {
        if (status < 0) {
            throw new IllegalArgumentException("status outside the kind's set");
        }
    }

    static int compare(String[] a, String[] b) {
        return Arrays.compare(a, b);
    }

    @Override
    public String toString() {
        return "ResourceRow" + Arrays.toString(identity) + " status " + status;
    }
}
