/**
 * The one definition of how a {@code match:} block ({@link io.integrationmonitor.config.MatchConfig}) matches:
 * shared by alert routes and silences ({@code alert.evaluate.AlertMatcher}) and freshness overrides
 * ({@code freshness.FreshnessDecider}), so a name glob or a tag means the same everywhere.
 *
 * <p>Depends on {@code config} and {@code text} only.
 */
package io.integrationmonitor.match;
