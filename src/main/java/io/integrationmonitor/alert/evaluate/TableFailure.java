package io.integrationmonitor.alert.evaluate;

import java.time.Instant;

/**
 * One failing table as its alert shows it. Strings from AWS (table, code, message) are untrusted and bounded;
 * renderers make them inert.
 *
 * @param kind        the integration's kind label (from its ARN), what routes and silences match
 * @param name        the integration's name as its ARN tells it
 * @param failedSince when the table began failing (its first failed event)
 */
public record TableFailure(String integrationArn, String table, String kind, String name, String accountId,
                           String region, String errorCode, String errorMessage, Instant failedSince) {
}
