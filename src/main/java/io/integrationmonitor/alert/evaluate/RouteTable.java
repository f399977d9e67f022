package io.integrationmonitor.alert.evaluate;

import io.integrationmonitor.config.AlertingConfig;
import io.integrationmonitor.config.RouteConfig;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Chooses the receivers of an alert: routes in order, first match stops unless it continues; else the defaults. */
public final class RouteTable {
    private final List<RouteConfig> routes;
    private final List<AlertMatcher> matchers;
    private final List<String> defaultReceivers;

    public RouteTable(AlertingConfig config) {
        this.routes = config.routes();
        this.matchers = routes.stream().map(r -> AlertMatcher.of(r.match())).toList();
        this.defaultReceivers = config.defaultReceivers();
    }

    Set<String> receiversFor(Alert alert) {
        Set<String> receivers = new LinkedHashSet<>();
        boolean matched = false;
        for (int i = 0; i < routes.size(); i++) {
            RouteConfig route = routes.get(i);
            if (matchers.get(i).matches(alert)) {
                matched = true;
                receivers.addAll(route.receivers());
                if (!route.continueMatching()) {
                    break;
                }
            }
        }
        if (!matched) {
            receivers.addAll(defaultReceivers);
        }
        return receivers;
    }
}
