package io.integrationmonitor.aws;

import java.io.IOException;
import java.io.InterruptedIOException;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * One client's view of the shared HTTP client that passes each request through the {@link RequestLimits}.
 * The SDK retries above the HTTP client, so every attempt, retries included, waits its turn. A request
 * holds its slot until the response headers arrive. Closing it leaves the shared client open.
 */
final class LimitedHttpClient implements SdkHttpClient {
    private final SdkHttpClient shared;
    private final RequestLimits.Lane lane;

    LimitedHttpClient(SdkHttpClient shared, RequestLimits.Lane lane) {
        this.shared = shared;
        this.lane = lane;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest prepared = shared.prepareRequest(request);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                try {
                    lane.enter();
                } catch (InterruptedException e) {
                    // The SDK interrupts an attempt that outlives api_call_attempt_timeout; it reports a timeout.
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the AWS request limits");
                }
                try {
                    return prepared.call();
                } finally {
                    lane.exit();
                }
            }

            @Override
            public void abort() {
                prepared.abort();
            }
        };
    }

    @Override
    public String clientName() {
        return shared.clientName();
    }

    @Override
    public void close() {
        // The factory owns and closes the shared client.
    }
}
