package io.integrationmonitor.freshness;

/**
 * {@code GetMetricData} answered something its model does not allow (an id nobody asked for, timestamps and
 * values of different lengths, a non-finite value, a query CloudWatch could not answer): the whole poll failed,
 * nothing of it is used. The message names the fault, never AWS text.
 */
final class MalformedMetricDataException extends RuntimeException {
    MalformedMetricDataException(String message) {
        super(message, null, false, false);
    }
}
