package io.integrationmonitor.poll;

import io.integrationmonitor.config.AppIntegrationsSource;
import io.integrationmonitor.poll.ObservedResource.Attributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.appintegrations.AppIntegrationsClient;
import software.amazon.awssdk.services.appintegrations.model.DataIntegrationAssociationSummary;
import software.amazon.awssdk.services.appintegrations.model.DataIntegrationSummary;
import software.amazon.awssdk.services.appintegrations.model.ExecutionConfiguration;
import software.amazon.awssdk.services.appintegrations.model.LastExecutionStatus;
import software.amazon.awssdk.services.appintegrations.model.ListDataIntegrationAssociationsResponse;
import software.amazon.awssdk.services.appintegrations.model.ListDataIntegrationsResponse;

/**
 * AppIntegrations: every data integration ({@code ListDataIntegrations}), then the associations of each
 * ({@code ListDataIntegrationAssociations}, identified by the data integration's id), through the SDK's
 * paginators. An association's status is its last execution's.
 */
final class AppIntegrationsPoller implements Poller {
    private static final String LIST_DATA_INTEGRATIONS = "AppIntegrations ListDataIntegrations";
    private static final String LIST_ASSOCIATIONS = "AppIntegrations ListDataIntegrationAssociations";

    private final AppIntegrationsClient client;
    private final AppIntegrationsSource source;
    private final PollContext context;
    /**
     * Consecutive failed listings per data integration ARN. Kept by this poller, so in a cluster a streak
     * counts the polls of one replica; polls of one target never overlap.
     */
    private final Map<String, Integer> failureStreaks = new java.util.concurrent.ConcurrentHashMap<>();

    AppIntegrationsPoller(AppIntegrationsClient client, AppIntegrationsSource source, PollContext context) {
        this.client = client;
        this.source = source;
        this.context = context;
    }

    @Override
    public PollTarget target() {
        return context.target();
    }

    @Override
    public Snapshot poll() throws PollFailedException {
        PollBudget.Spend budget = context.budget().start(context.clock());
        List<DataIntegrationSummary> dataIntegrations = new ArrayList<>();
        PageGuard listing = new PageGuard(LIST_DATA_INTEGRATIONS, budget);
        paginate(() -> client.listDataIntegrationsPaginator(r -> r.maxResults(source.pageSize())).iterator(),
                listing, ListDataIntegrationsResponse::nextToken, (page, where) -> {
                    List<DataIntegrationSummary> summaries =
                            listing.list(page.hasDataIntegrations(), page.dataIntegrations(), "DataIntegrations");
                    for (int i = 0; i < summaries.size(); i++) {
                        DataIntegrationSummary summary = summaries.get(i);
                        Required.member(summary, where, "DataIntegrations[" + i + "]");
                        Required.member(summary.arn(), where, "DataIntegrations[" + i + "].Arn");
                        dataIntegrations.add(summary);
                    }
                });

        List<ObservedResource> resources = new ArrayList<>();
        List<UnlistedDataIntegration> unlisted = new ArrayList<>();
        for (DataIntegrationSummary dataIntegration : dataIntegrations) {
            String dataIntegrationName = dataIntegration.name() == null || dataIntegration.name().isEmpty()
                    ? Arns.lastSegment(dataIntegration.arn())
                    : dataIntegration.name();
            // The path label {Identifier} is "A unique identifier for the DataIntegration" (shape Identifier,
            // 1-255 chars, pattern .*\S.*), i.e. its Id, which Terraform's provider sends too; the docs never say
            // an ARN is accepted. DataIntegrationSummary has no Id member (Arn, Name, SourceURI only), so take the
            // ARN's last path segment: botocore data/appintegrations/2020-07-29/service-2.json,
            // ListDataIntegrationAssociationsRequest and DataIntegrationSummary.
            String dataIntegrationId = Arns.lastSegment(dataIntegration.arn());
            PageGuard associations = new PageGuard(LIST_ASSOCIATIONS + " of " + dataIntegrationName, budget);
            List<ObservedResource> listed = new ArrayList<>();
            try {
                paginate(() -> client.listDataIntegrationAssociationsPaginator(r -> r
                                .dataIntegrationIdentifier(dataIntegrationId)
                                .maxResults(source.pageSize())).iterator(),
                        associations, ListDataIntegrationAssociationsResponse::nextToken, (page, where) -> {
                            List<DataIntegrationAssociationSummary> summaries = associations.list(
                                    page.hasDataIntegrationAssociations(), page.dataIntegrationAssociations(),
                                    "DataIntegrationAssociations");
                            for (int i = 0; i < summaries.size(); i++) {
                                listed.add(map(summaries.get(i), dataIntegration, dataIntegrationName, where,
                                        "DataIntegrationAssociations[" + i + "]"));
                            }
                        });
            } catch (PollFailedException e) {
                if (e.reason() == PollErrorReason.POLL_BUDGET_EXCEEDED
                        || e.reason() == PollErrorReason.INVALID_RESPONSE) {
                    throw e; // the whole poll's budget, or a broken answer: not this data integration's own fault
                }
                // One data integration denied (IAM scoped to some) or deleted since it was listed: the others
                // are still reported; its associations stay as last known until ListDataIntegrations drops it.
                unlisted.add(new UnlistedDataIntegration(dataIntegration.arn(), dataIntegrationName, e.reason(),
                        e.getMessage(), failureStreaks.merge(dataIntegration.arn(), 1, Integer::sum)));
                continue;
            }
            failureStreaks.remove(dataIntegration.arn());
            resources.addAll(listed);
        }
        // a data integration that is no longer listed starts afresh should it come back
        failureStreaks.keySet().retainAll(unlisted.stream().map(UnlistedDataIntegration::arn).toList());
        return new Snapshot(target(), context.clock().instant(), context.filter().apply(resources), budget.pages(),
                unlisted);
    }

    /**
     * Walks one paginator. The repeated-token check runs before the paginator asks for the next page, so a
     * server that hands back the same token fails the poll instead of looping; the page budget (shared by
     * every listing of the poll) is taken before each request.
     */
    private <R> void paginate(java.util.function.Supplier<Iterator<R>> pages, PageGuard guard,
                              Function<R, String> nextToken, PageHandler<R> handler) throws PollFailedException {
        Iterator<R> iterator;
        try {
            iterator = pages.get();
        } catch (RuntimeException e) {
            throw PollErrors.failure(guard.where(), e);
        }
        while (true) {
            R page;
            try {
                if (!iterator.hasNext()) {
                    return;
                }
                guard.nextPage();
                page = iterator.next();
            } catch (RuntimeException e) {
                throw PollErrors.failure(guard.where(), e);
            }
            handler.handle(page, guard.where());
            if (guard.next(nextToken.apply(page), "NextToken") == null) {
                return;
            }
        }
    }

    private ObservedResource map(DataIntegrationAssociationSummary association, DataIntegrationSummary dataIntegration,
                                 String dataIntegrationName, String where, String path) throws PollFailedException {
        Required.member(association, where, path);
        String arn = Required.member(association.dataIntegrationAssociationArn(), where,
                path + ".DataIntegrationAssociationArn");
        LastExecutionStatus last = association.lastExecutionStatus();
        String rawStatus = last == null ? null : last.executionStatusAsString();
        ResourceStatus status = rawStatus == null
                ? ResourceStatus.NEVER_EXECUTED
                : context.statuses().normalize(ResourceKind.APPINTEGRATIONS_ASSOCIATION, rawStatus);
        List<ResourceError> errors = status == ResourceStatus.FAILED && last.statusMessage() != null
                ? List.of(ResourceError.of("", last.statusMessage()))
                : List.of();
        ExecutionConfiguration execution = association.executionConfiguration();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(Attributes.DATA_INTEGRATION_ARN, association.dataIntegrationArn() == null
                ? dataIntegration.arn() : association.dataIntegrationArn());
        attributes.put(Attributes.DATA_INTEGRATION_NAME, dataIntegrationName);
        attributes.put(Attributes.CLIENT_ID, Required.orEmpty(association.clientId()));
        attributes.put(Attributes.EXECUTION_MODE,
                execution == null ? "" : Required.orEmpty(execution.executionModeAsString()));
        attributes.put(Attributes.DESTINATION_URI, Required.orEmpty(association.destinationURI()));
        return new ObservedResource(
                ResourceKind.APPINTEGRATIONS_ASSOCIATION,
                arn,
                dataIntegrationName + "/" + Arns.lastSegment(arn),
                context.accountOf(arn),
                target().region(),
                status,
                errors,
                attributes,
                Map.of(),
                null);
    }

    @FunctionalInterface
    private interface PageHandler<R> {
        void handle(R page, String where) throws PollFailedException;
    }
}
