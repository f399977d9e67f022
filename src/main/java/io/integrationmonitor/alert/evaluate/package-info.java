/**
 * The alert model and the alert lifecycle as a pure function, in the shape of the {@code Detector}: a
 * target's previous alert states and what a poll saw in, new states and notifications out
 * ({@link io.integrationmonitor.alert.evaluate.AlertEvaluator}); table events and freshness findings have
 * lifecycles of their own ({@code TableAlertEvaluator}, {@code FreshnessAlertEvaluator}). Which conditions a
 * resource is in ({@code AlertConditions}) and which receivers an alert goes to ({@code RouteTable}) are decided
 * here.
 *
 * <p>The bottom of alerting: depends on no other alert package; every other one may depend on it.
 */
package io.integrationmonitor.alert.evaluate;
