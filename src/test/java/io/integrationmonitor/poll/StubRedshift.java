package io.integrationmonitor.poll;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.redshift.RedshiftClient;
import software.amazon.awssdk.services.redshift.model.DescribeInboundIntegrationsRequest;
import software.amazon.awssdk.services.redshift.model.DescribeInboundIntegrationsResponse;
import software.amazon.awssdk.services.redshift.model.DescribeIntegrationsRequest;
import software.amazon.awssdk.services.redshift.model.DescribeIntegrationsResponse;

/**
 * A RedshiftClient answering each call with the next scripted page (or exception), recording requests. The
 * SDK's paginators are the interface's own, so they page through these calls as they would over the wire.
 */
final class StubRedshift implements RedshiftClient {
    final List<DescribeIntegrationsRequest> integrationRequests = new ArrayList<>();
    final List<DescribeInboundIntegrationsRequest> inboundRequests = new ArrayList<>();
    private final Deque<Supplier<DescribeIntegrationsResponse>> integrationPages = new ArrayDeque<>();
    private final Deque<Supplier<DescribeInboundIntegrationsResponse>> inboundPages = new ArrayDeque<>();

    StubRedshift thenIntegrations(DescribeIntegrationsResponse page) {
        integrationPages.add(() -> page);
        return this;
    }

    StubRedshift thenIntegrationsFail(RuntimeException error) {
        integrationPages.add(() -> {
            throw error;
        });
        return this;
    }

    StubRedshift thenInbound(DescribeInboundIntegrationsResponse page) {
        inboundPages.add(() -> page);
        return this;
    }

    /** Endless pages, each with a fresh marker: only a page limit stops the poller. */
    StubRedshift endlessInbound() {
        for (int i = 0; i < 1000; i++) {
            String marker = "m" + i;
            inboundPages.add(() -> DescribeInboundIntegrationsResponse.builder()
                    .inboundIntegrations(List.of()).marker(marker).build());
        }
        return this;
    }

    @Override
    public DescribeIntegrationsResponse describeIntegrations(DescribeIntegrationsRequest request) {
        integrationRequests.add(request);
        if (integrationPages.isEmpty()) {
            throw new AssertionError("unexpected DescribeIntegrations call " + request);
        }
        return integrationPages.poll().get();
    }

    @Override
    public DescribeInboundIntegrationsResponse describeInboundIntegrations(DescribeInboundIntegrationsRequest request) {
        inboundRequests.add(request);
        if (inboundPages.isEmpty()) {
            throw new AssertionError("unexpected DescribeInboundIntegrations call " + request);
        }
        return inboundPages.poll().get();
    }

    @Override
    public String serviceName() {
        return "redshift";
    }

    @Override
    public void close() {
    }
}
