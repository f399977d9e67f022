package io.integrationmonitor.poll;

import io.integrationmonitor.config.RedshiftFilter;
import io.integrationmonitor.config.RedshiftIntegrationsSource;
import io.integrationmonitor.poll.ObservedResource.Attributes;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.redshift.RedshiftClient;
import software.amazon.awssdk.services.redshift.model.DescribeIntegrationsFilter;
import software.amazon.awssdk.services.redshift.model.DescribeIntegrationsRequest;
import software.amazon.awssdk.services.redshift.model.DescribeIntegrationsResponse;
import software.amazon.awssdk.services.redshift.model.Integration;
import software.amazon.awssdk.services.redshift.model.IntegrationError;
import software.amazon.awssdk.services.redshift.model.Tag;

/**
 * Redshift {@code DescribeIntegrations} (botocore {@code redshift/2012-12-01}: {@code Marker}, {@code MaxRecords}
 * 20–100, {@code Filters}; {@code IntegrationsMessage.Integrations} of {@code Integration}), through the SDK's
 * paginator, one page at a time so each is checked and budgeted. Statuses are lower case in the model.
 */
final class RedshiftIntegrationsPoller implements Poller {
    private static final String OPERATION = "Redshift DescribeIntegrations";

    private static final PageGuard.PageMembers<DescribeIntegrationsResponse, Integration> MEMBERS =
            new PageGuard.PageMembers<>("Integrations", DescribeIntegrationsResponse::hasIntegrations,
                    DescribeIntegrationsResponse::integrations, DescribeIntegrationsResponse::marker);

    private final RedshiftClient redshift;
    private final RedshiftIntegrationsSource source;
    private final PollContext context;

    RedshiftIntegrationsPoller(RedshiftClient redshift, RedshiftIntegrationsSource source, PollContext context) {
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
        DescribeIntegrationsRequest.Builder request = DescribeIntegrationsRequest.builder().maxRecords(source.pageSize());
        if (!source.filters().isEmpty()) {
            request.filters(source.filters().stream().map(RedshiftIntegrationsPoller::toSdk).toList());
        }
        Iterator<DescribeIntegrationsResponse> responses =
                redshift.describeIntegrationsPaginator(request.build()).iterator();
        PageGuard pages = new PageGuard(OPERATION, context.budget().start(context.clock()));
        List<ObservedResource> resources = pages.readAll(responses, MEMBERS, this::map);
        return new Snapshot(target(), context.clock().instant(), context.filter().apply(resources), pages.page());
    }

    @Override
    public boolean targetable() {
        return true;
    }

    /** {@code DescribeIntegrations} with {@code IntegrationArn}, and the source's filters as in a poll. */
    @Override
    public Optional<Snapshot> describe(String arn) throws PollFailedException {
        DescribeIntegrationsRequest.Builder request = DescribeIntegrationsRequest.builder().integrationArn(arn);
        if (!source.filters().isEmpty()) {
            request.filters(source.filters().stream().map(RedshiftIntegrationsPoller::toSdk).toList());
        }
        return TargetedRead.describe(context, OPERATION, arn, () -> redshift.describeIntegrations(request.build()),
                MEMBERS, this::map);
    }

    private ObservedResource map(Integration integration, String where, String path) throws PollFailedException {
        String arn = Required.member(integration.integrationArn(), where, path + ".IntegrationArn");
        String name = Required.member(integration.integrationName(), where, path + ".IntegrationName");
        String rawStatus = Required.member(integration.statusAsString(), where, path + ".Status");
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(Attributes.SOURCE_ARN, Required.orEmpty(integration.sourceArn()));
        attributes.put(Attributes.TARGET_ARN, Required.orEmpty(integration.targetArn()));
        attributes.put(Attributes.DESCRIPTION, Required.orEmpty(integration.description()));
        return new ObservedResource(
                ResourceKind.REDSHIFT_INTEGRATION,
                arn,
                name,
                context.accountOf(arn),
                target().region(),
                context.statuses().normalize(ResourceKind.REDSHIFT_INTEGRATION, rawStatus,
                        StatusNormalizer.Spelling.LOWER_CASE),
                errors(integration.errors()),
                attributes,
                SdkMembers.tags(integration.tags(), Tag::key, Tag::value),
                integration.createTime());
    }

    /** {@code IntegrationError}: {@code ErrorCode} (required in the model), {@code ErrorMessage}. */
    static List<ResourceError> errors(List<IntegrationError> errors) {
        return SdkMembers.errors(errors, IntegrationError::errorCode, IntegrationError::errorMessage);
    }

    private static DescribeIntegrationsFilter toSdk(RedshiftFilter filter) {
        return DescribeIntegrationsFilter.builder().name(filter.name()).values(filter.values()).build();
    }
}
