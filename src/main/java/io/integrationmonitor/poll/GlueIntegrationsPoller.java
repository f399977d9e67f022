package io.integrationmonitor.poll;

import io.integrationmonitor.config.GlueFilter;
import io.integrationmonitor.config.GlueIntegrationsSource;
import io.integrationmonitor.poll.ObservedResource.Attributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.DescribeIntegrationsRequest;
import software.amazon.awssdk.services.glue.model.DescribeIntegrationsResponse;
import software.amazon.awssdk.services.glue.model.Integration;
import software.amazon.awssdk.services.glue.model.IntegrationConfig;
import software.amazon.awssdk.services.glue.model.IntegrationError;
import software.amazon.awssdk.services.glue.model.IntegrationFilter;
import software.amazon.awssdk.services.glue.model.Tag;

/** Glue {@code DescribeIntegrations}, following {@code Marker} (the SDK has no paginator for it). */
final class GlueIntegrationsPoller implements Poller {
    private static final String OPERATION = "Glue DescribeIntegrations";

    /** Where a response keeps its list, for the targeted read's one page. */
    private static final PageGuard.PageMembers<DescribeIntegrationsResponse, Integration> MEMBERS =
            new PageGuard.PageMembers<>("Integrations", DescribeIntegrationsResponse::hasIntegrations,
                    DescribeIntegrationsResponse::integrations, DescribeIntegrationsResponse::marker);

    private final GlueClient glue;
    private final GlueIntegrationsSource source;
    private final PollContext context;

    GlueIntegrationsPoller(GlueClient glue, GlueIntegrationsSource source, PollContext context) {
        this.glue = glue;
        this.source = source;
        this.context = context;
    }

    @Override
    public PollTarget target() {
        return context.target();
    }

    @Override
    public Snapshot poll() throws PollFailedException {
        List<IntegrationFilter> filters = source.filters().stream().map(GlueIntegrationsPoller::toSdk).toList();
        PageGuard pages = new PageGuard(OPERATION, context.budget().start(context.clock()));
        List<ObservedResource> resources = new ArrayList<>();
        String marker = null;
        do {
            pages.nextPage();
            DescribeIntegrationsRequest.Builder request = DescribeIntegrationsRequest.builder()
                    .marker(marker)
                    .maxRecords(source.pageSize());
            if (!filters.isEmpty()) {
                request.filters(filters);
            }
            DescribeIntegrationsResponse response;
            try {
                response = glue.describeIntegrations(request.build());
            } catch (RuntimeException e) {
                throw PollErrors.failure(pages.where(), e);
            }
            List<Integration> integrations =
                    pages.list(response.hasIntegrations(), response.integrations(), "Integrations");
            for (int i = 0; i < integrations.size(); i++) {
                resources.add(map(integrations.get(i), pages.where(), "Integrations[" + i + "]"));
            }
            marker = pages.next(response.marker(), "Marker");
        } while (marker != null);
        return new Snapshot(target(), context.clock().instant(), context.filter().apply(resources), pages.page());
    }

    @Override
    public boolean targetable() {
        return true;
    }

    /** {@code DescribeIntegrations} with {@code IntegrationIdentifier}, and the source's filters as in a poll. */
    @Override
    public Optional<Snapshot> describe(String arn) throws PollFailedException {
        DescribeIntegrationsRequest.Builder request = DescribeIntegrationsRequest.builder().integrationIdentifier(arn);
        if (!source.filters().isEmpty()) {
            request.filters(source.filters().stream().map(GlueIntegrationsPoller::toSdk).toList());
        }
        return TargetedRead.describe(context, OPERATION, arn, () -> glue.describeIntegrations(request.build()),
                MEMBERS, this::map);
    }

    private ObservedResource map(Integration integration, String where, String path) throws PollFailedException {
        if (integration == null) {
            throw new PollFailedException(PollErrorReason.INVALID_RESPONSE, where + ": " + path + " is null", null);
        }
        String arn = Required.member(integration.integrationArn(), where, path + ".IntegrationArn");
        String name = Required.member(integration.integrationName(), where, path + ".IntegrationName");
        String rawStatus = Required.member(integration.statusAsString(), where, path + ".Status");
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(Attributes.SOURCE_ARN, Required.orEmpty(integration.sourceArn()));
        attributes.put(Attributes.TARGET_ARN, Required.orEmpty(integration.targetArn()));
        attributes.put(Attributes.REFRESH_INTERVAL, refreshInterval(integration.integrationConfig()));
        attributes.put(Attributes.DESCRIPTION, Required.orEmpty(integration.description()));
        return new ObservedResource(
                ResourceKind.GLUE_INTEGRATION,
                arn,
                name,
                context.accountOf(arn),
                target().region(),
                context.statuses().normalize(ResourceKind.GLUE_INTEGRATION, rawStatus),
                errors(integration.errors()),
                attributes,
                SdkMembers.tags(integration.tags(), Tag::key, Tag::value),
                integration.createTime());
    }

    static String refreshInterval(IntegrationConfig config) {
        return config == null ? "" : Required.orEmpty(config.refreshInterval());
    }

    static List<ResourceError> errors(List<IntegrationError> errors) {
        return SdkMembers.errors(errors, IntegrationError::errorCode, IntegrationError::errorMessage);
    }

    private static IntegrationFilter toSdk(GlueFilter filter) {
        return IntegrationFilter.builder().name(filter.name()).values(filter.values()).build();
    }
}
