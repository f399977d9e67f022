package io.integrationmonitor.poll;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.DescribeInboundIntegrationsRequest;
import software.amazon.awssdk.services.glue.model.DescribeInboundIntegrationsResponse;
import software.amazon.awssdk.services.glue.model.DescribeIntegrationsRequest;
import software.amazon.awssdk.services.glue.model.DescribeIntegrationsResponse;

/** A GlueClient answering each call with the next scripted page (or exception), recording requests. */
final class StubGlue implements GlueClient {
    final List<DescribeIntegrationsRequest> integrationRequests = new ArrayList<>();
    final List<DescribeInboundIntegrationsRequest> inboundRequests = new ArrayList<>();
    private final Deque<Function<DescribeIntegrationsRequest, DescribeIntegrationsResponse>> integrationPages =
            new ArrayDeque<>();
    private final Deque<Function<DescribeInboundIntegrationsRequest, DescribeInboundIntegrationsResponse>>
            inboundPages = new ArrayDeque<>();

    StubGlue thenIntegrations(DescribeIntegrationsResponse page) {
        integrationPages.add(request -> page);
        return this;
    }

    StubGlue thenIntegrationsFail(RuntimeException error) {
        integrationPages.add(request -> {
            throw error;
        });
        return this;
    }

    StubGlue thenInbound(DescribeInboundIntegrationsResponse page) {
        inboundPages.add(request -> page);
        return this;
    }

    StubGlue thenInboundFail(RuntimeException error) {
        inboundPages.add(request -> {
            throw error;
        });
        return this;
    }

    /** Endless pages, each with a fresh marker: only a page limit stops the poller. */
    StubGlue endlessIntegrations() {
        integrationPages.clear();
        for (int i = 0; i < 1000; i++) {
            int page = i;
            integrationPages.add(request -> DescribeIntegrationsResponse.builder()
                    .integrations(List.of()).marker("m" + page).build());
        }
        return this;
    }

    @Override
    public DescribeIntegrationsResponse describeIntegrations(DescribeIntegrationsRequest request) {
        integrationRequests.add(request);
        if (integrationPages.isEmpty()) {
            throw new AssertionError("unexpected DescribeIntegrations call " + request);
        }
        return integrationPages.poll().apply(request);
    }

    @Override
    public DescribeInboundIntegrationsResponse describeInboundIntegrations(DescribeInboundIntegrationsRequest request) {
        inboundRequests.add(request);
        if (inboundPages.isEmpty()) {
            throw new AssertionError("unexpected DescribeInboundIntegrations call " + request);
        }
        return inboundPages.poll().apply(request);
    }

    @Override
    public String serviceName() {
        return "glue";
    }

    @Override
    public void close() {
    }
}
