package io.integrationmonitor.poll;

import io.integrationmonitor.config.GlueInboundIntegrationsSource;
import io.integrationmonitor.poll.ObservedResource.Attributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.DescribeInboundIntegrationsRequest;
import software.amazon.awssdk.services.glue.model.DescribeInboundIntegrationsResponse;
import software.amazon.awssdk.services.glue.model.InboundIntegration;

/** Glue {@code DescribeInboundIntegrations}, following {@code Marker}, optionally scoped to a target or integration. */
final class GlueInboundIntegrationsPoller implements Poller {
    private static final String OPERATION = "Glue DescribeInboundIntegrations";

    /** Where a response keeps its list, for the targeted read's one page. */
    private static final PageGuard.PageMembers<DescribeInboundIntegrationsResponse, InboundIntegration> MEMBERS =
            new PageGuard.PageMembers<>("InboundIntegrations", DescribeInboundIntegrationsResponse::hasInboundIntegrations,
                    DescribeInboundIntegrationsResponse::inboundIntegrations, DescribeInboundIntegrationsResponse::marker);

    private final GlueClient glue;
    private final GlueInboundIntegrationsSource source;
    private final PollContext context;

    GlueInboundIntegrationsPoller(GlueClient glue, GlueInboundIntegrationsSource source, PollContext context) {
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
        PageGuard pages = new PageGuard(OPERATION, context.budget().start(context.clock()));
        List<ObservedResource> resources = new ArrayList<>();
        String marker = null;
        do {
            pages.nextPage();
            DescribeInboundIntegrationsRequest request = DescribeInboundIntegrationsRequest.builder()
                    .marker(marker)
                    .maxRecords(source.pageSize())
                    .targetArn(source.targetArn())
                    .integrationArn(source.integrationArn())
                    .build();
            DescribeInboundIntegrationsResponse response;
            try {
                response = glue.describeInboundIntegrations(request);
            } catch (RuntimeException e) {
                throw PollErrors.failure(pages.where(), e);
            }
            List<InboundIntegration> integrations = pages.list(
                    response.hasInboundIntegrations(), response.inboundIntegrations(), "InboundIntegrations");
            for (int i = 0; i < integrations.size(); i++) {
                resources.add(map(integrations.get(i), pages.where(), "InboundIntegrations[" + i + "]"));
            }
            marker = pages.next(response.marker(), "Marker");
        } while (marker != null);
        return new Snapshot(target(), context.clock().instant(), context.filter().apply(resources), pages.page());
    }

    @Override
    public boolean targetable() {
        return true;
    }

    /**
     * {@code DescribeInboundIntegrations} with {@code IntegrationArn} (and the source's {@code TargetArn}); an
     * integration outside the source's configured {@code integration_arn} is not watched here, so not asked for.
     */
    @Override
    public Optional<Snapshot> describe(String arn) throws PollFailedException {
        if (source.integrationArn() != null && !source.integrationArn().equals(arn)) {
            return Optional.empty();
        }
        DescribeInboundIntegrationsRequest request = DescribeInboundIntegrationsRequest.builder()
                .integrationArn(arn)
                .targetArn(source.targetArn())
                .build();
        return TargetedRead.describe(context, OPERATION, arn, () -> glue.describeInboundIntegrations(request),
                MEMBERS, this::map);
    }

    private ObservedResource map(InboundIntegration integration, String where, String path) throws PollFailedException {
        if (integration == null) {
            throw new PollFailedException(PollErrorReason.INVALID_RESPONSE, where + ": " + path + " is null", null);
        }
        String arn = Required.member(integration.integrationArn(), where, path + ".IntegrationArn");
        String rawStatus = Required.member(integration.statusAsString(), where, path + ".Status");
        Map<String, String> attributes = new LinkedHashMap<>();
        String sourceArn = Required.orEmpty(integration.sourceArn());
        attributes.put(Attributes.SOURCE_ARN, sourceArn);
        // labelled with the polled account, but a cross-account inbound integration belongs to its source's
        attributes.put(Attributes.SOURCE_ACCOUNT_ID, Arns.accountId(sourceArn));
        attributes.put(Attributes.TARGET_ARN, Required.orEmpty(integration.targetArn()));
        attributes.put(Attributes.REFRESH_INTERVAL,
                GlueIntegrationsPoller.refreshInterval(integration.integrationConfig()));
        return new ObservedResource(
                ResourceKind.GLUE_INBOUND_INTEGRATION,
                arn,
                Arns.lastSegment(arn),
                // the integration may belong to the source's account; its target is in the polled one
                context.accountOf(Required.orEmpty(integration.targetArn())),
                target().region(),
                context.statuses().normalize(ResourceKind.GLUE_INBOUND_INTEGRATION, rawStatus),
                GlueIntegrationsPoller.errors(integration.errors()),
                attributes,
                Map.of(),
                integration.createTime());
    }
}
