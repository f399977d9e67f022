package io.integrationmonitor.metrics;

import java.util.Arrays;

/**
 * What one resource's series say, as values ({@link ResourceLayout#row}): label values in sorted label-name
 * order, the current status's index among the kind's sorted statuses, stuck, error count, status-since.
 * Compared with the held row on every poll; rendered only when it differs.
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
    public boolean equals(Object o) {
        return o instanceof ResourceRow r && status == r.status && stuck == r.stuck && errors == r.errors
                && sinceMillis == r.sinceMillis && Arrays.equals(identity, r.identity) && Arrays.equals(info, r.info);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(identity) + status;
    }

    @Override
    public String toString() {
        return "ResourceRow" + Arrays.toString(identity) + " status " + status;
    }
}
