/**
 * Whether an alert is silenced now: configured silences, weekly maintenance windows and run-time silences
 * ({@code alert_silence}, created through the JSON API). Depends on {@code alert.evaluate} only.
 */
package io.integrationmonitor.alert.silence;
