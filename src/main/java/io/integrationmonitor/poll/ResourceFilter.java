package io.integrationmonitor.poll;

import io.integrationmonitor.config.FilterConfig;
import io.integrationmonitor.text.Glob;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which polled resources are watched ({@code filter} in the config). Names are matched against globs
 * ({@link Glob}: {@code *} any run of characters, {@code ?} one character, case-sensitive, whole name); an exclude
 * wins over an include. Tag filters apply only to kinds that carry tags ({@link ResourceKind#carriesTags()}):
 * inbound integrations and AppIntegrations associations have no tags and are judged by name alone.
 */
final class ResourceFilter {
    private final List<Glob> include;
    private final List<Glob> exclude;
    private final Map<String, String> includeTags;
    private final Map<String, String> excludeTags;

    ResourceFilter(FilterConfig config) {
        this.include = globs(config.include());
        this.exclude = globs(config.exclude());
        this.includeTags = config.includeTags();
        this.excludeTags = config.excludeTags();
    }

    static ResourceFilter acceptAll() {
        return new ResourceFilter(FilterConfig.defaults());
    }

    boolean accepts(ObservedResource resource) {
        String name = resource.name();
        if (!include.isEmpty() && include.stream().noneMatch(g -> g.matches(name))) {
            return false;
        }
        if (exclude.stream().anyMatch(g -> g.matches(name))) {
            return false;
        }
        if (!resource.kind().carriesTags()) {
            return true;
        }
        Map<String, String> tags = resource.tags();
        boolean hasAllIncluded = includeTags.entrySet().stream()
                .allMatch(e -> e.getValue().equals(tags.get(e.getKey())));
        boolean hasAnyExcluded = excludeTags.entrySet().stream()
                .anyMatch(e -> e.getValue().equals(tags.get(e.getKey())));
        return hasAllIncluded && !hasAnyExcluded;
    }

    List<ObservedResource> apply(List<ObservedResource> resources) {
        return resources.stream().filter(this::accepts).collect(Collectors.toList());
    }

    private static List<Glob> globs(List<String> globs) {
        return globs.stream().map(Glob::of).toList();
    }
}
