package io.integrationmonitor.aws;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.OptionalLong;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * One client's view of the shared HTTP client that passes each request through the {@link RequestLimits}
 * and bounds each response body to {@code aws.max_response_bytes} ({@link BoundedBody}). The SDK retries
 * above the HTTP client, so every attempt, retries included, waits its turn. A request holds its slot until
 * the response headers arrive. Closing it leaves the shared client open.
 */
final class LimitedHttpClient implements SdkHttpClient {
    private final SdkHttpClient shared;
    private final RequestLimits.Lane lane;
    private final long maxResponseBytes;

    LimitedHttpClient(SdkHttpClient shared, RequestLimits.Lane lane, long maxResponseBytes) {
        this.shared = shared;
        this.lane = lane;
        this.maxResponseBytes = maxResponseBytes;
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
                HttpExecuteResponse response;
                try {
                    response = prepared.call();
                } finally {
                    lane.exit();
                }
                return bounded(response);
            }

            @Override
            public void abort() {
                prepared.abort();
            }
        };
    }

    private HttpExecuteResponse bounded(HttpExecuteResponse response) {
        Optional<AbortableInputStream> body = response.responseBody();
        if (body.isEmpty()) {
            return response;
        }
        OptionalLong declared = response.httpResponse().firstMatchingHeader("Content-Length")
                .map(LimitedHttpClient::parseLength).orElse(OptionalLong.empty());
        return HttpExecuteResponse.builder()
                .response(response.httpResponse())
                .responseBody(BoundedBody.of(body.get(), maxResponseBytes, declared))
                .build();
    }

    private static OptionalLong parseLength(String value) {
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // the counted bytes still bound it
        }
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
