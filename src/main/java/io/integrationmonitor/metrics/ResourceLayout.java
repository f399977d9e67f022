package io.integrationmonitor.metrics;

import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.ResourceHealth;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.ResourceStatus;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * How one kind's series are labelled once sorted as client_java sorts label names: the identity labels, the
 * info labels (identity and fixed properties), and where {@code status} falls among the identity labels (glue
 * inbound sorts {@code account_id, integration_arn, region, status, target_arn}), so that a status row is the
 * resource's rendered identity with a hole for the status value.
 */
final class ResourceLayout {
    private final ResourceFamilies families;
    private final List<ResourceFamilies.LabelSource> identity;
    private final List<ResourceFamilies.LabelSource> info;
    /** Index among the sorted identity labels before which {@code status} sorts. */
    private final int statusAt;
    /** The kind's status labels in label-value order, as the state set's rows sort. */
    private final List<String> statuses;
    private final byte[][] statusLabels;

    ResourceLayout(ResourceFamilies families) {
        this.families = families;
        Comparator<ResourceFamilies.LabelSource> byName = Comparator.comparing(ResourceFamilies.LabelSource::name);
        this.identity = families.identity().stream().sorted(byName).toList();
        this.info = Stream.concat(families.identity().stream(), families.infoOnly().stream()).sorted(byName).toList();
        int at = 0;
        while (at < identity.size() && identity.get(at).name().compareTo("status") < 0) {
            at++;
        }
        this.statusAt = at;
        this.statuses = families.kind().statuses().stream().map(ResourceStatus::label).sorted().toList();
        if (statuses.size() > Byte.MAX_VALUE) { // TargetRows keeps a resource's status index in a byte
            throw new IllegalArgumentException("more statuses than a byte holds: " + families);
        }
        this.statusLabels = statuses.stream().map(s -> label("status", s)).toArray(byte[][]::new);
    }

    ResourceFamilies families() {
        return families;
    }

    int statusAt() {
        return statusAt;
    }

    List<String> statuses() {
        return statuses;
    }

    byte[] statusLabel(int status) {
        return statusLabels[status];
    }

    /** The values only: cheap enough to compare every poll with what is held, before rendering anything. */
    ResourceRow row(KnownResource known) {
        ObservedResource resource = known.resource();
        List<ResourceStatus> kindStatuses = families.kind().statuses();
        // a status outside the kind's closed set must still light up exactly one series of it
        ResourceStatus current = kindStatuses.contains(resource.status()) ? resource.status() : ResourceStatus.UNKNOWN;
        // as the detector recorded it, from the configured stuck.* thresholds: the one rule, never re-derived here
        boolean stuck = ResourceHealth.of(known) == ResourceHealth.Verdict.STUCK;
        int errors = families.errorsName() == null ? 0 : resource.errors().size();
        return new ResourceRow(values(identity, resource), values(info, resource), statuses.indexOf(current.label()),
                stuck, errors, known.statusSince().toEpochMilli());
    }

    /** {@code a="x",b="y"}: the labels between the braces, escaped as the client's writer escapes them. */
    byte[] identityText(ResourceRow row) {
        return text(identity, row.identity());
    }

    /** Byte offset in {@link #identityText} of the first label after {@code status}, or its length. */
    int statusSplit(byte[] identityText) {
        if (statusAt == identity.size()) {
            return identityText.length;
        }
        // labels before the hole, each with its comma; label names and '=' are plain ASCII
        String prefix = identity.get(statusAt).name() + "=\"";
        int offset = 0;
        for (int i = 0; i < statusAt; i++) {
            offset = skipLabel(identityText, offset) + 1;
        }
        assert startsWith(identityText, offset, prefix);
        return offset;
    }

    byte[] infoText(ResourceRow row) {
        return text(info, row.info());
    }

    private static String[] values(List<ResourceFamilies.LabelSource> sources, ObservedResource resource) {
        String[] values = new String[sources.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = sources.get(i).valueOf(resource);
        }
        return values;
    }

    private static byte[] text(List<ResourceFamilies.LabelSource> sources, String[] values) {
        return LabelText.of(sources.stream().map(ResourceFamilies.LabelSource::name).toArray(String[]::new), values);
    }

    private static byte[] label(String name, String value) {
        return LabelText.label(name, value);
    }

    /** The offset of the closing quote of the label starting at offset. */
    private static int skipLabel(byte[] text, int offset) {
        int i = offset;
        while (text[i] != '"') {
            i++;
        }
        for (i++; text[i] != '"'; i++) {
            if (text[i] == '\\') {
                i++;
            }
        }
        return i + 1;
    }

    private static boolean startsWith(byte[] text, int offset, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        if (offset + p.length > text.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (text[offset + i] != p[i]) {
                return false;
            }
        }
        return true;
    }
}
