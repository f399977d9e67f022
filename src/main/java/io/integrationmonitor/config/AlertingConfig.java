package io.integrationmonitor.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Alerting: lifecycle thresholds, receivers, routes and silences.
 *
 * @param repeatInterval       re-notify a still-firing alert this often
 * @param resendDelay          first retry delay of a failed delivery (doubles, with jitter, up to 10 minutes)
 * @param groupCap             alerts listed in one grouped message before "and N more"
 * @param firingThreshold      consecutive polls a condition must be seen before it fires (flap damping)
 * @param resolveThreshold     consecutive healthy polls before a firing alert resolves
 * @param pollFailureThreshold consecutive failed polls of a target before {@code poll_failing} fires
 * @param maxAge               a notification undelivered for this long becomes a dead letter
 * @param externalUrl          the monitor's own base URL, for links (Alertmanager generatorURL)
 * @param receivers            named receivers; default: one {@code log} receiver named {@code log}
 * @param routes               routing rules, first match wins unless {@code continue}
 * @param defaultReceivers     receivers of alerts no route matched; default: every receiver
 * @param silences             silences and maintenance windows
 */
public record AlertingConfig(
        Duration repeatInterval,
        Duration resendDelay,
        Integer groupCap,
        Integer firingThreshold,
        Integer resolveThreshold,
        Integer pollFailureThreshold,
        Duration maxAge,
        URI externalUrl,
        List<ReceiverConfig> receivers,
        List<RouteConfig> routes,
        List<String> defaultReceivers,
        List<SilenceConfig> silences) {

    public AlertingConfig {
        repeatInterval = repeatInterval == null ? Duration.ofHours(4) : repeatInterval;
        resendDelay = resendDelay == null ? Duration.ofSeconds(10) : resendDelay;
        groupCap = groupCap == null ? 20 : groupCap;
        firingThreshold = firingThreshold == null ? 1 : firingThreshold;
        resolveThreshold = resolveThreshold == null ? 1 : resolveThreshold;
        pollFailureThreshold = pollFailureThreshold == null ? 3 : pollFailureThreshold;
        maxAge = maxAge == null ? Duration.ofHours(24) : maxAge;
        externalUrl = externalUrl == null ? URI.create("http://localhost:9108") : externalUrl;
        receivers = receivers == null || receivers.isEmpty() ? List.of(ReceiverConfig.log("log")) : List.copyOf(receivers);
        routes = routes == null ? List.of() : List.copyOf(routes);
        defaultReceivers = defaultReceivers == null
                ? receivers.stream().map(ReceiverConfig::name).toList()
                : List.copyOf(defaultReceivers);
        silences = silences == null ? List.of() : List.copyOf(silences);

        Validation.positive(repeatInterval, "repeat_interval");
        Validation.positive(resendDelay, "resend_delay");
        Validation.range(groupCap, 1, 45, "group_cap");
        Validation.range(firingThreshold, 1, 1000, "firing_threshold");
        Validation.range(resolveThreshold, 1, 1000, "resolve_threshold");
        Validation.range(pollFailureThreshold, 1, 1000, "poll_failure_threshold");
        Validation.atLeast(maxAge, Duration.ofMinutes(1), "max_age");
        Validation.httpUri(externalUrl, "external_url");

        checkReceiverNames(receivers, routes, defaultReceivers);
    }

    /**
     * Every naming mistake at once: duplicate names, and each unknown name a route or the defaults use. The
     * references are checked against the names that are there, so they are echoes when a receiver failed.
     */
    private static void checkReceiverNames(List<ReceiverConfig> receivers, List<RouteConfig> routes,
            List<String> defaultReceivers) {
        List<KeyProblem> problems = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < receivers.size(); i++) {
            Integer first = names.putIfAbsent(receivers.get(i).name(), i);
            if (first != null) {
                problems.add(KeyProblem.at("receivers[" + i + "].name", "duplicate receiver name '"
                        + receivers.get(i).name() + "' (also receivers[" + first + "])"));
            }
        }
        for (int i = 0; i < routes.size(); i++) {
            for (String r : routes.get(i).receivers()) {
                if (!names.containsKey(r)) {
                    problems.add(KeyProblem.at("routes[" + i + "].receivers", "unknown receiver '" + r + "'")
                            .involving("receivers"));
                }
            }
        }
        for (String r : defaultReceivers) {
            if (!names.containsKey(r)) {
                problems.add(KeyProblem.at("default_receivers", "unknown receiver '" + r + "'")
                        .involving("receivers"));
            }
        }
        InvalidConfigException.throwIfAny(problems);
    }

    public static AlertingConfig defaults() {
        return new AlertingConfig(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public ReceiverConfig receiver(String name) {
        return receivers.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown receiver '" + name + "'"));
    }
}
