package io.integrationmonitor.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationmonitor.config.FilterConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceFilterTest {

    @ParameterizedTest
    @CsvSource({
        "orders-*, orders-eu, true",
        "orders-*, orders-, true",
        "orders-*, billing, false",
        "orders-?, orders-1, true",
        "orders-?, orders-12, false",
        "*, anything, true",
        "a.b, a.b, true",
        "a.b, axb, false",
        "[x], [x], true",
        "Orders, orders, false",
        "*/assoc-?, customers/assoc-1, true"})
    void globsMatchWholeNames(String glob, String name, boolean matches) {
        // given
        ResourceFilter filter = new ResourceFilter(new FilterConfig(List.of(glob), null, null, null));

        // when / then
        assertThat(filter.accepts(glue(name, Map.of()))).isEqualTo(matches);
    }

    @Test
    void noIncludesAcceptsEverythingAndExcludesWin() {
        // given
        ResourceFilter everything = ResourceFilter.acceptAll();
        ResourceFilter excluding = new ResourceFilter(
                new FilterConfig(List.of("orders-*"), List.of("*-test"), null, null));

        // then
        assertThat(everything.accepts(glue("x", Map.of()))).isTrue();
        assertThat(excluding.accepts(glue("orders-prod", Map.of()))).isTrue();
        assertThat(excluding.accepts(glue("orders-test", Map.of()))).isFalse();
    }

    @Test
    void includeTagsMustAllBePresentWithTheirValues() {
        // given
        ResourceFilter filter = new ResourceFilter(
                new FilterConfig(null, null, Map.of("team", "data", "env", "prod"), null));

        // then
        assertThat(filter.accepts(glue("a", Map.of("team", "data", "env", "prod", "x", "y")))).isTrue();
        assertThat(filter.accepts(glue("a", Map.of("team", "data")))).isFalse();
        assertThat(filter.accepts(glue("a", Map.of("team", "data", "env", "dev")))).isFalse();
        assertThat(filter.accepts(glue("a", Map.of()))).isFalse();
    }

    @Test
    void anyExcludeTagDrops() {
        // given
        ResourceFilter filter = new ResourceFilter(
                new FilterConfig(null, null, null, Map.of("monitor", "off", "env", "sandbox")));

        // then
        assertThat(filter.accepts(glue("a", Map.of("env", "sandbox")))).isFalse();
        assertThat(filter.accepts(glue("a", Map.of("monitor", "off")))).isFalse();
        assertThat(filter.accepts(glue("a", Map.of("monitor", "on", "env", "prod")))).isTrue();
    }

    @Test
    void tagFiltersDoNotApplyToKindsWithoutTags() {
        // given
        ResourceFilter filter = new ResourceFilter(
                new FilterConfig(null, null, Map.of("team", "data"), Map.of("env", "sandbox")));

        // then
        assertThat(filter.accepts(resource(ResourceKind.GLUE_INBOUND_INTEGRATION, "i-1"))).isTrue();
        assertThat(filter.accepts(resource(ResourceKind.APPINTEGRATIONS_ASSOCIATION, "di/a-1"))).isTrue();
        assertThat(filter.accepts(glue("g", Map.of()))).isFalse();
    }

    @Test
    void applyKeepsOrder() {
        // given
        ResourceFilter filter = new ResourceFilter(new FilterConfig(List.of("k*"), null, null, null));

        // when
        List<ObservedResource> kept = filter.apply(List.of(glue("k1", Map.of()), glue("x", Map.of()),
                glue("k2", Map.of())));

        // then
        assertThat(kept).extracting(ObservedResource::name).containsExactly("k1", "k2");
    }

    private static ObservedResource glue(String name, Map<String, String> tags) {
        return new ObservedResource(ResourceKind.GLUE_INTEGRATION, "arn:" + name, name, "1", "r", ResourceStatus.ACTIVE,
                null, null, tags, null);
    }

    private static ObservedResource resource(ResourceKind kind, String name) {
        return new ObservedResource(kind, "arn:" + name, name, "1", "r", ResourceStatus.ACTIVE, null, null, null, null);
    }
}
