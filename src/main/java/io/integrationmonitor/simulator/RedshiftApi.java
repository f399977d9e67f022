package io.integrationmonitor.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Predicate;

/**
 * Redshift over awsQuery (botocore {@code redshift/2012-12-01/service-2.json}): {@code DescribeIntegrations} and
 * {@code DescribeInboundIntegrations}, form-encoded requests ({@code Action}, {@code Version=2012-12-01}, lists as
 * {@code Filters.DescribeIntegrationsFilter.1.Values.Value.1}, after their members' {@code locationName}), XML
 * responses in the service's namespace, XML errors.
 */
final class RedshiftApi implements ServiceApi {
    static final String NAMESPACE = "http://redshift.amazonaws.com/doc/2012-12-01/";
    static final String VERSION = "2012-12-01";
    /** {@code MaxRecords}: "Default: 100. Constraints: minimum 20, maximum 100." */
    private static final int MIN_RECORDS = 20;
    private static final int MAX_RECORDS = 100;
    private static final String FILTER = "Filters.DescribeIntegrationsFilter.";

    private final Estate estate;

    RedshiftApi(Estate estate) {
        this.estate = estate;
    }

    /** Whether an awsQuery request is Redshift's: its {@code Version}, else its SigV4 scope. */
    static boolean owns(Map<String, String> form, String authorization) {
        String version = form.get("Version");
        return version != null ? version.equals(VERSION)
                : authorization != null && authorization.contains("/redshift/aws4_request");
    }

    /** The operation a Redshift {@code Action} names, or null for one the simulator does not serve. */
    static Operation operationOf(Map<String, String> form) {
        return Operation.byServiceAndName("redshift", form.getOrDefault("Action", ""));
    }

    @Override
    public SimResponse handle(Operation operation, SimRequest request) {
        PartitionEstate partition = estate.view(request.context().partition());
        String result = switch (operation) {
            case REDSHIFT_DESCRIBE_INTEGRATIONS -> describeIntegrations(partition, request.params());
            case REDSHIFT_DESCRIBE_INBOUND_INTEGRATIONS -> describeInbound(partition, request.params());
            default -> throw new ApiException(400, "InvalidAction", "Could not find operation " + operation.awsName());
        };
        return QueryProtocol.success(NAMESPACE, operation.awsName(), result, request.requestId());
    }

    private String describeIntegrations(PartitionEstate partition, Map<String, String> params) {
        Predicate<SimRedshiftIntegration> filter = filters(params);
        String integrationArn = params.get("IntegrationArn");
        if (integrationArn != null) {
            if (!partition.redshiftIntegrations.containsKey(integrationArn)) {
                throw notFound(integrationArn);
            }
            filter = filter.and(i -> i.arn().equals(integrationArn));
        }
        return page(partition.redshiftIntegrations, params, filter, "Integrations", RedshiftApi::integrationXml);
    }

    private String describeInbound(PartitionEstate partition, Map<String, String> params) {
        String integrationArn = params.get("IntegrationArn");
        String targetArn = params.get("TargetArn");
        if (integrationArn != null && !partition.redshiftInbound.containsKey(integrationArn)) {
            throw notFound(integrationArn);
        }
        if (targetArn != null && !namespaceExists(partition, targetArn)) {
            throw new ApiException(400, "InvalidNamespaceFault", "The namespace " + targetArn + " doesn't exist.");
        }
        Predicate<SimRedshiftInboundIntegration> filter = i -> (integrationArn == null || i.arn().equals(integrationArn))
                && (targetArn == null || i.targetArn().equals(targetArn));
        return page(partition.redshiftInbound, params, filter, "InboundIntegrations", RedshiftApi::inboundXml);
    }

    /** The simulator has no namespaces of their own: one exists when an integration of the partition targets it. */
    private static boolean namespaceExists(PartitionEstate partition, String targetArn) {
        return partition.redshiftInbound.values().stream().anyMatch(i -> i.targetArn().equals(targetArn))
                || partition.redshiftIntegrations.values().stream().anyMatch(i -> i.targetArn().equals(targetArn));
    }

    private <T> String page(NavigableMap<String, T> items, Map<String, String> params, Predicate<? super T> filter,
                            String listMember, java.util.function.Function<T, String> render) {
        Page<T> page = Page.of(items, marker(params), limit(params), filter);
        StringBuilder xml = new StringBuilder("<").append(listMember).append('>');
        page.items().forEach(i -> xml.append(render.apply(i)));
        xml.append("</").append(listMember).append('>');
        if (page.hasMore()) {
            xml.append(Xml.element("Marker", PageTokens.encode(page.lastKey())));
        }
        return xml.toString();
    }

    static String integrationXml(SimRedshiftIntegration i) {
        StringBuilder x = new StringBuilder("<Integration>")
                .append(Xml.element("IntegrationArn", i.arn()))
                .append(Xml.element("IntegrationName", i.name()))
                .append(Xml.element("SourceArn", i.sourceArn()))
                .append(Xml.element("TargetArn", i.targetArn()))
                .append(Xml.element("Status", i.status()))
                .append(errorsXml(i.errors()))
                .append(Xml.element("CreateTime", timestamp(i.createTime())));
        if (i.description() != null) {
            x.append(Xml.element("Description", i.description()));
        }
        if (i.kmsKeyId() != null) {
            x.append(Xml.element("KMSKeyId", i.kmsKeyId()));
        }
        // a map is <entry><key/><value/></entry>s (EncryptionContextMap); TagList is <Tag><Key/><Value/></Tag>s
        pairsXml(x, "AdditionalEncryptionContext", "entry", "key", "value", i.additionalEncryptionContext());
        pairsXml(x, "Tags", "Tag", "Key", "Value", i.tags());
        return x.append("</Integration>").toString();
    }

    private static void pairsXml(StringBuilder x, String member, String item, String keyName, String valueName,
                                 Map<String, String> pairs) {
        if (pairs.isEmpty()) {
            return;
        }
        x.append('<').append(member).append('>');
        pairs.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> x
                .append('<').append(item).append('>').append(Xml.element(keyName, e.getKey()))
                .append(Xml.element(valueName, e.getValue())).append("</").append(item).append('>'));
        x.append("</").append(member).append('>');
    }

    static String inboundXml(SimRedshiftInboundIntegration i) {
        return "<InboundIntegration>" + Xml.element("IntegrationArn", i.arn())
                + Xml.element("SourceArn", i.sourceArn()) + Xml.element("TargetArn", i.targetArn())
                + Xml.element("Status", i.status()) + errorsXml(i.errors())
                + Xml.element("CreateTime", timestamp(i.createTime())) + "</InboundIntegration>";
    }

    private static String errorsXml(List<SimError> errors) {
        if (errors.isEmpty()) {
            return "";
        }
        StringBuilder x = new StringBuilder("<Errors>");
        for (SimError e : errors) {
            x.append("<IntegrationError>").append(Xml.element("ErrorCode", e.code()))
                    .append(Xml.element("ErrorMessage", e.message())).append("</IntegrationError>");
        }
        return x.append("</Errors>").toString();
    }

    /** awsQuery timestamps are ISO 8601. */
    private static String timestamp(Instant t) {
        return t.toString();
    }

    /**
     * {@code Filters}: {@code integration-arn}, {@code source-arn}, {@code source-types} (the source ARN's service:
     * {@code dynamodb}, {@code s3}) and {@code status}; every filter must match, any of its values.
     */
    private static Predicate<SimRedshiftIntegration> filters(Map<String, String> params) {
        Predicate<SimRedshiftIntegration> all = i -> true;
        for (int n = 1; params.containsKey(FILTER + n + ".Name"); n++) {
            String name = params.get(FILTER + n + ".Name");
            List<String> values = new ArrayList<>();
            for (int v = 1; params.containsKey(FILTER + n + ".Values.Value." + v); v++) {
                values.add(params.get(FILTER + n + ".Values.Value." + v));
            }
            if (values.isEmpty()) {
                throw new ApiException(400, "InvalidParameterValue", "Filter " + name + " needs at least one value.");
            }
            all = all.and(switch (name) {
                case "integration-arn" -> i -> values.contains(i.arn());
                case "source-arn" -> i -> values.contains(i.sourceArn());
                case "source-types" -> i -> values.contains(sourceType(i.sourceArn()));
                case "status" -> i -> values.contains(i.status());
                default -> throw new ApiException(400, "InvalidParameterValue", "Unsupported filter name: " + name);
            });
        }
        return all;
    }

    private static String sourceType(String sourceArn) {
        String[] fields = sourceArn.split(":", 4);
        return fields.length < 3 ? "" : fields[2].toLowerCase(Locale.ROOT);
    }

    private int limit(Map<String, String> params) {
        String max = params.get("MaxRecords");
        int requested = MAX_RECORDS;
        if (max != null) {
            try {
                requested = Integer.parseInt(max);
            } catch (NumberFormatException e) {
                requested = -1;
            }
            if (requested < MIN_RECORDS || requested > MAX_RECORDS) {
                throw new ApiException(400, "InvalidParameterValue",
                        "MaxRecords must be between " + MIN_RECORDS + " and " + MAX_RECORDS + ".");
            }
        }
        return Math.min(requested, estate.pageCap());
    }

    private static String marker(Map<String, String> params) {
        String marker = params.get("Marker");
        if (marker == null || marker.isEmpty()) {
            return null;
        }
        String key = PageTokens.decode(marker);
        if (key == null) {
            throw new ApiException(400, "InvalidParameterValue", "Invalid Marker.");
        }
        return key;
    }

    private static ApiException notFound(String arn) {
        return new ApiException(404, "IntegrationNotFoundFault", "Integration " + arn + " can't be found.");
    }

    @Override
    public SimResponse error(ApiException error, SimRequest request) {
        return QueryProtocol.error(NAMESPACE, error, request.requestId());
    }

    /** Redshift's throttling error, one of the codes the SDK's retry policy retries. */
    @Override
    public ApiException throttling() {
        return new ApiException(400, "Throttling", "Rate exceeded");
    }

    @Override
    public ApiException internalError() {
        return new ApiException(500, "InternalFailure", "The request processing has failed because of an unknown"
                + " error, exception or failure.");
    }

    @Override
    public SimResponse malformed(Operation operation) {
        String action = operation == null ? "DescribeIntegrations" : operation.awsName();
        return SimResponse.of(200, QueryProtocol.CONTENT_TYPE, "<" + action + "Response xmlns=\"" + NAMESPACE + "\"><"
                + action + "Result><Integrations><Integration><IntegrationArn>arn:aws:redshift:");
    }
}
