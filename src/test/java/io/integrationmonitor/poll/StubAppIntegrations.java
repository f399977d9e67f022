package io.integrationmonitor.poll;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.appintegrations.AppIntegrationsClient;
import software.amazon.awssdk.services.appintegrations.model.ListDataIntegrationAssociationsRequest;
import software.amazon.awssdk.services.appintegrations.model.ListDataIntegrationAssociationsResponse;
import software.amazon.awssdk.services.appintegrations.model.ListDataIntegrationsRequest;
import software.amazon.awssdk.services.appintegrations.model.ListDataIntegrationsResponse;

/**
 * An AppIntegrationsClient with scripted pages; the SDK's default paginator methods drive it, so the
 * pollers' use of the generated paginators is exercised as well.
 */
final class StubAppIntegrations implements AppIntegrationsClient {
    final List<ListDataIntegrationsRequest> listRequests = new ArrayList<>();
    final List<ListDataIntegrationAssociationsRequest> associationRequests = new ArrayList<>();
    private final Deque<Supplier<ListDataIntegrationsResponse>> listPages = new ArrayDeque<>();
    private final Map<String, Deque<Supplier<ListDataIntegrationAssociationsResponse>>> associationPages =
            new HashMap<>();

    StubAppIntegrations thenDataIntegrations(ListDataIntegrationsResponse page) {
        listPages.add(() -> page);
        return this;
    }

    /** Pages answered to a request naming the data integration by its id, as the service documents it. */
    StubAppIntegrations thenAssociations(String dataIntegrationArn, ListDataIntegrationAssociationsResponse page) {
        associationPages.computeIfAbsent(Arns.lastSegment(dataIntegrationArn), k -> new ArrayDeque<>())
                .add(() -> page);
        return this;
    }

    StubAppIntegrations thenAssociationsFail(String dataIntegrationArn, RuntimeException error) {
        associationPages.computeIfAbsent(Arns.lastSegment(dataIntegrationArn), k -> new ArrayDeque<>()).add(() -> {
            throw error;
        });
        return this;
    }

    @Override
    public ListDataIntegrationsResponse listDataIntegrations(ListDataIntegrationsRequest request) {
        listRequests.add(request);
        if (listPages.isEmpty()) {
            throw new AssertionError("unexpected ListDataIntegrations call " + request);
        }
        return listPages.poll().get();
    }

    @Override
    public ListDataIntegrationAssociationsResponse listDataIntegrationAssociations(
            ListDataIntegrationAssociationsRequest request) {
        associationRequests.add(request);
        Deque<Supplier<ListDataIntegrationAssociationsResponse>> pages =
                associationPages.get(request.dataIntegrationIdentifier());
        if (pages == null || pages.isEmpty()) {
            throw new AssertionError("unexpected ListDataIntegrationAssociations call " + request);
        }
        return pages.poll().get();
    }

    @Override
    public String serviceName() {
        return "app-integrations";
    }

    @Override
    public void close() {
    }
}
