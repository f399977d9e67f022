package io.integrationmonitor.http;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A request's query string. Unknown parameters are rejected so a typo ({@code stauts=FAILED}) is an
 * error rather than a silently unfiltered answer.
 */
final class QueryParams {
    private final Map<String, List<String>> values;

    private QueryParams(Map<String, List<String>> values) {
        this.values = values;
    }

    static QueryParams parse(URI uri, Set<String> allowed) throws BadRequestException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (!allowed.contains(name)) {
                    throw new BadRequestException(name, "unknown parameter '" + name + "'; allowed: "
                            + allowed.stream().sorted().toList());
                }
                values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        return new QueryParams(values);
    }

    /** Every non-empty value, from repeated parameters and comma-separated lists alike. */
    List<String> list(String name) {
        List<String> out = new ArrayList<>();
        for (String value : values.getOrDefault(name, List.of())) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    /** The single value of a parameter; empty when absent or blank. */
    Optional<String> single(String name) throws BadRequestException {
        List<String> given = values.getOrDefault(name, List.of());
        if (given.size() > 1) {
            throw new BadRequestException(name, "parameter '" + name + "' given more than once");
        }
        return given.stream().map(String::trim).filter(v -> !v.isEmpty()).findFirst();
    }

    private static String decode(String s) throws BadRequestException {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("query", "malformed query string: " + e.getMessage());
        }
    }
}
