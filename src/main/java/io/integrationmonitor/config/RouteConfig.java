package io.integrationmonitor.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One routing rule: alerts matching {@code match} go to {@code receivers}; the first matching route wins
 * unless it sets {@code continue: true}.
 */
public record RouteConfig(
        MatchConfig match,
        List<String> receivers,
        @JsonProperty("continue") Boolean continueMatching) {

    public RouteConfig {
        match = match == null ? MatchConfig.any() : match;
        receivers = receivers == null ? List.of() : List.copyOf(receivers);
        continueMatching = continueMatching != null && continueMatching;
        if (receivers.isEmpty()) {
            throw KeyProblem.at("receivers", "must name at least one receiver").exception();
        }
    }
}
