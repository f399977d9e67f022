package io.integrationmonitor.freshness;

import java.util.List;
import java.util.Objects;

/**
 * One verdict that holds for one integration now, with the figure a person needs: what the alert says.
 *
 * @param verdict     stale, lagging or tables failing
 * @param integration the integration
 * @param detail      the figure, e.g. {@code last sync 4h12m ago, refresh interval 1h (stale after 3h15m)};
 *                    plain text with AWS's table names in it: receivers escape it
 * @param tables      for {@link FreshnessVerdict#TABLES_FAILING}: the failing tables where the metric names them
 *                    (bounded); empty otherwise
 */
public record FreshnessFinding(FreshnessVerdict verdict, WatchedIntegration integration, String detail,
                               List<String> tables) {
    public FreshnessFinding {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(integration, "integration");
        detail = Objects.requireNonNullElse(detail, "");
        tables = tables == null ? List.of() : List.copyOf(tables);
    }
}
