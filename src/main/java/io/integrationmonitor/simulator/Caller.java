package io.integrationmonitor.simulator;

/** Who signed a request, as GetCallerIdentity reports it. */
public record Caller(String account, String arn, String userId) {
}
