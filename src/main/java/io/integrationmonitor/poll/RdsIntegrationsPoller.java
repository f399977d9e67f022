package io.integrationmonitor.poll;

import io.integrationmonitor.config.RdsFilter;
import io.integrationmonitor.config.RdsIntegrationsSource;
import io.integrationmonitor.poll.ObservedResource.Attributes;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DescribeIntegrationsRequest;
import software.amazon.awssdk.services.rds.model.DescribeIntegrationsResponse;
import software.amazon.awssdk.services.rds.model.Filter;
import software.amazon.awssdk.services.rds.model.Integration;
import software.amazon.awssdk.services.rds.model.IntegrationError;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * RDS {@code DescribeIntegrations} (botocore {@code rds/2014-10-31}): Aurora and RDS zero-ETL integrations
 * into Redshift, through the SDK's paginator. The paginator follows {@code Marker} by itself; the poll still
 * takes every page through its {@link PageGuard}, before the page is fetched (budget) and after (list present,
 * marker never repeated), so a server repeating a marker cannot keep it paging forever.
 */
final class RdsIntegrationsPoller implements Poller {
    private static final String OPERATION = "RDS DescribeIntegrations";

    private static final PageGuard.PageMembers<DescribeIntegrationsResponse, Integration> MEMBERS =
            new PageGuard.PageMembers<>("Integrations", DescribeIntegrationsResponse::hasIntegrations,
                    DescribeIntegrationsResponse::integrations, DescribeIntegrationsResponse::marker);

    private final RdsClient rds;
    private final RdsIntegrationsSource source;
    private final PollContext context;

    RdsIntegrationsPoller(RdsClient rds, RdsIntegrationsSource source, PollContext context) {
        this.rds = rds;
        this.source = source;
        this.context = context;
    }

    @Override
    public PollTarget target() {
        return context.target();
    }

    @Override
    public Snapshot poll() throws PollFailedException {
        DescribeIntegrationsRequest.Builder request = DescribeIntegrationsRequest.builder()
                .maxRecords(source.pageSize());
        if (!source.filters().isEmpty()) {
            request.filters(source.filters().stream().map(RdsIntegrationsPoller::toSdk).toList());
        }
        Iterator<DescribeIntegrationsResponse> responses =
                rds.describeIntegrationsPaginator(request.build()).iterator();
        PageGuard pages = new PageGuard(OPERATION, context.budget().start(context.clock()));
        List<ObservedResource> resources = pages.readAll(responses, MEMBERS, this::map);
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
            request.filters(source.filters().stream().map(RdsIntegrationsPoller::toSdk).toList());
        }
        return TargetedRead.describe(context, OPERATION, arn, () -> rds.describeIntegrations(request.build()),
                MEMBERS, this::map);
    }

    private ObservedResource map(Integration integration, String where, String path) throws PollFailedException {
        String arn = Required.member(integration.integrationArn(), where, path + ".IntegrationArn");
        String name = Required.member(integration.integrationName(), where, path + ".IntegrationName");
        String rawStatus = Required.member(integration.statusAsString(), where, path + ".Status");
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(Attributes.SOURCE_ARN, Required.orEmpty(integration.sourceArn()));
        attributes.put(Attributes.TARGET_ARN, Required.orEmpty(integration.targetArn()));
        attributes.put(Attributes.DATA_FILTER, Required.orEmpty(integration.dataFilter()));
        attributes.put(Attributes.DESCRIPTION, Required.orEmpty(integration.description()));
        return new ObservedResource(
                ResourceKind.RDS_INTEGRATION,
                arn,
                name,
                context.accountOf(arn),
                target().region(),
                context.statuses().normalize(ResourceKind.RDS_INTEGRATION, rawStatus,
                        StatusNormalizer.Spelling.LOWER_CASE),
                SdkMembers.errors(integration.errors(), IntegrationError::errorCode, IntegrationError::errorMessage),
                attributes,
                SdkMembers.tags(integration.tags(), Tag::key, Tag::value),
                integration.createTime());
    }

    private static Filter toSdk(RdsFilter filter) {
        return Filter.builder().name(filter.name()).values(filter.values()).build();
    }
}
