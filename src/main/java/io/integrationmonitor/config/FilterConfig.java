package io.integrationmonitor.config;

import java.util.List;
import java.util.Map;

/**
 * Which resources are watched, applied after each poll. Each list and tag map holds at most 100 entries,
 * each glob (and tag key or value) at most 256 characters ({@link MatchLimits}).
 *
 * @param include     name globs ({@code *}, {@code ?}); empty: every name
 * @param exclude     name globs that win over include
 * @param includeTags a resource must carry all of these tags (only kinds whose listing reports tags: Glue, RDS and Redshift integrations)
 * @param excludeTags a resource carrying any of these tags is dropped
 */
public record FilterConfig(
        List<String> include, List<String> exclude, Map<String, String> includeTags, Map<String, String> excludeTags) {
    public FilterConfig {
        include = include == null ? List.of() : List.copyOf(include);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        includeTags = includeTags == null ? Map.of() : Map.copyOf(includeTags);
        excludeTags = excludeTags == null ? Map.of() : Map.copyOf(excludeTags);
        MatchLimits.checkValues("include", include);
        MatchLimits.checkValues("exclude", exclude);
        MatchLimits.checkTags("include_tags", includeTags);
        MatchLimits.checkTags("exclude_tags", excludeTags);
    }

    public static FilterConfig defaults() {
        return new FilterConfig(null, null, null, null);
    }
}
