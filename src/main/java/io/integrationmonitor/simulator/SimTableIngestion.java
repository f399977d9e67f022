package io.integrationmonitor.simulator;

import java.time.Instant;
import java.util.Objects;

/**
 * The last ingestion of one table of a Glue zero-ETL integration: state no DescribeIntegrations shows, only the
 * per-table EventBridge events do.
 *
 * @param errorCode    the failure's code ({@code client_error} in Glue's documented log format); null unless failed
 * @param errorMessage the failure's message; null unless failed
 * @param at           when the ingestion failed or completed
 */
public record SimTableIngestion(Status status, String errorCode, String errorMessage, Instant at) {
    public enum Status { FAILED, COMPLETED }

    public SimTableIngestion {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
    }

    public static SimTableIngestion failed(String errorCode, String errorMessage, Instant at) {
        return new SimTableIngestion(Status.FAILED, errorCode, errorMessage, at);
    }

    public static SimTableIngestion completed(Instant at) {
        return new SimTableIngestion(Status.COMPLETED, null, null, at);
    }
}
