package io.integrationmonitor.poll;

import io.integrationmonitor.config.RedshiftInboundIntegrationsSource;
import io.integrationmonitor.poll.ObservedResource.Attributes;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.redshift.RedshiftClient;
import software.amazon.awssdk.services.redshift.model.DescribeInboundIntegrationsRequest;
import software.amazon.awssdk.services.redshift.model.DescribeInboundIntegrationsResponse;
import software.amazon.awssdk.services.redshift.model.InboundIntegration;

/**
 * Redshift {@code DescribeInboundIntegrations} (botocore {@code redshift/2012-12-01}: {@code Marker},
 * {@code MaxRecords} 20–100, optional {@code TargetArn} / {@code IntegrationArn} scopes;
 * {@code InboundIntegrationsMessage.InboundIntegrations} of {@code InboundIntegration}): every integration
 * into a namespace of the account, whichever service owns it, through the SDK's paginator.
 */
final class RedshiftInboundIntegrationsPoller implements Poller {
    private static final String OPERATION = "Redshift DescribeInboundIntegrations";

    private static final PageGuard.PageMembers<DescribeInboundIntegrationsResponse, InboundIntegration> MEMBERS =
            new PageGuard.PageMembers<>("InboundIntegrations", DescribeInboundIntegrationsResponse::hasInboundIntegrations,
                    DescribeInboundIntegrationsResponse::inboundIntegrations, DescribeInboundIntegrationsResponse::marker);

    private final RedshiftClient redshift;
    private final RedshiftInboundIntegrationsSource source;
    private final PollContext context;

    RedshiftInboundIntegrationsPoller(RedshiftClient redshift, RedshiftInboundIntegrationsSource source,
                                      PollContext context) {
        this.redshift = redshift;
        this.source = source;
        this.context = context;
    }

    @Override
    public PollTarget target() {
        return context.target();
    }

    @Override
    public Snapshot poll() throws PollFailedException {
        DescribeInboundIntegrationsRequest request = DescribeInboundIntegrationsRequest.builder()
                .maxRecords(source.pageSize())
                .targetArn(source.targetArn())
                .integrationArn(source.integrationArn())
                .build();
        Iterator<DescribeInboundIntegrationsResponse> responses =
                redshift.describeInboundIntegrationsPaginator(request).iterator();
        PageGuard pages = new PageGuard(OPERATION, context.budget().start(context.clock()));
        List<ObservedResource> resources = pages.readAll(responses, MEMBERS, this::map);
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
        return TargetedRead.describe(context, OPERATION, arn, () -> redshift.describeInboundIntegrations(request),
                MEMBERS, this::map);
    }

    private ObservedResource map(InboundIntegration integration, String where, String path)
            throws PollFailedException {
        String arn = Required.member(integration.integrationArn(), where, path + ".IntegrationArn");
        String rawStatus = Required.member(integration.statusAsString(), where, path + ".Status");
        String sourceArn = Required.orEmpty(integration.sourceArn());
        String targetArn = Required.orEmpty(integration.targetArn());
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(Attributes.SOURCE_ARN, sourceArn);
        // labelled with the polled account, but a cross-account inbound integration belongs to its source's
        attributes.put(Attributes.SOURCE_ACCOUNT_ID, Arns.accountId(sourceArn));
        attributes.put(Attributes.TARGET_ARN, targetArn);
        return new ObservedResource(
                ResourceKind.REDSHIFT_INBOUND_INTEGRATION,
                arn,
                Arns.lastSegment(arn),
                // the integration may belong to the source's account; its target namespace is in the polled one
                context.accountOf(targetArn),
                target().region(),
                context.statuses().normalize(ResourceKind.REDSHIFT_INBOUND_INTEGRATION, rawStatus,
                        StatusNormalizer.Spelling.LOWER_CASE),
                RedshiftIntegrationsPoller.errors(integration.errors()),
                attributes,
                Map.of(),
                integration.createTime());
    }
}
