package io.integrationmonitor.http;

import io.integrationmonitor.poll.ResourceKind;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The query filters the resources and events APIs share: one parsing and one error message for each. */
final class Filters {
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    private Filters() {
    }

    /** {@code kind}: resource kind labels, case-insensitive; empty when not given. */
    static Set<ResourceKind> kinds(QueryParams params) throws BadRequestException {
        Set<ResourceKind> kinds = EnumSet.noneOf(ResourceKind.class);
        for (String label : params.list("kind")) {
            try {
                kinds.add(ResourceKind.fromLabel(label.toLowerCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("kind", "unknown kind '" + label + "'; expected one of "
                        + Arrays.stream(ResourceKind.values()).map(ResourceKind::label).toList());
            }
        }
        return kinds;
    }

    static Set<String> accountIds(QueryParams params) throws BadRequestException {
        return matching(params, "account_id", ACCOUNT_ID, "a 12-digit AWS account id");
    }

    static Set<String> regions(QueryParams params) throws BadRequestException {
        return matching(params, "region", REGION, "an AWS region name such as eu-west-1");
    }

    /** {@code arn}: exact ARNs (URL-encoded in the query). */
    static Set<String> arns(QueryParams params) {
        return new LinkedHashSet<>(params.list("arn"));
    }

    private static Set<String> matching(QueryParams params, String name, Pattern pattern, String expected)
            throws BadRequestException {
        Set<String> values = new LinkedHashSet<>();
        for (String value : params.list(name)) {
            if (!pattern.matcher(value).matches()) {
                throw new BadRequestException(name, "invalid " + name + " '" + value + "'; expected " + expected);
            }
            values.add(value);
        }
        return values;
    }
}
