package io.integrationmonitor.simulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Amazon RDS over awsQuery: {@code DescribeIntegrations} as the botocore model {@code rds/2014-10-31}
 * shapes it. The request is a form ({@code Action=DescribeIntegrations&Version=2014-10-31&Marker=..
 * &MaxRecords=..&IntegrationIdentifier=..&Filters.Filter.1.Name=..&Filters.Filter.1.Values.Value.1=..}: the
 * lists' members are named by their {@code locationName}s {@code Filter} and {@code Value}); the answer is
 * XML in the RDS namespace, its lists wrapped the same way ({@code Integrations/Integration},
 * {@code Tags/Tag}, {@code Errors/IntegrationError}), its map as {@code entry/key/value}.
 */
final class RdsApi implements ServiceApi {
    static final String NAMESPACE = "http://rds.amazonaws.com/doc/2014-10-31/";
    static final String VERSION = "2014-10-31";
    private static final int MIN_RECORDS = 20;
    private static final int MAX_RECORDS = 100;

    private final Estate estate;

    RdsApi(Estate estate) {
        this.estate = estate;
    }

    /** An awsQuery form meant for RDS: its API version, or else an RDS SigV4 scope. */
    static boolean owns(Map<String, String> form, String authorization) {
        String version = form.get("Version");
        return version != null ? version.equals(VERSION)
                : authorization != null && authorization.contains("/rds/aws4_request");
    }

    /**
     * The integration a request names ({@code IntegrationIdentifier}), else the one its {@code Marker}
     * continues after: so {@link Faults#errorFor} can break one page of a listing and not the others.
     */
    @Override
    public String resourceOf(Operation operation, SimRequest request) {
        String identifier = request.params().get("IntegrationIdentifier");
        if (identifier != null && !identifier.isEmpty()) {
            return identifier;
        }
        String marker = request.params().get("Marker");
        return marker == null || marker.isEmpty() ? null : PageTokens.decode(marker);
    }

    @Override
    public SimResponse handle(Operation operation, SimRequest request) {
        if (operation != Operation.RDS_DESCRIBE_INTEGRATIONS) {
            throw new ApiException(400, "InvalidAction", "Could not find operation " + operation.awsName());
        }
        PartitionEstate partition = estate.view(request.context().partition());
        Map<String, String> params = request.params();
        Predicate<SimRdsIntegration> filter = filter(params);
        int limit = limit(params.get("MaxRecords"));
        String identifier = params.get("IntegrationIdentifier");
        StringBuilder result = new StringBuilder("<Integrations>");
        if (identifier != null && !identifier.isEmpty()) {
            SimRdsIntegration found = partition.rdsIntegrations.get(identifier);
            if (found == null) {
                found = partition.rdsIntegrations.values().stream()
                        .filter(i -> i.name().equals(identifier)).findFirst().orElse(null);
            }
            if (found == null) {
                throw new ApiException(404, "IntegrationNotFoundFault", "Integration " + identifier
                        + " cannot be found.");
            }
            if (filter.test(found)) {
                result.append(integrationXml(found));
            }
            result.append("</Integrations>");
        } else {
            Page<SimRdsIntegration> page =
                    Page.of(partition.rdsIntegrations, marker(params.get("Marker")), limit, filter);
            page.items().forEach(i -> result.append(integrationXml(i)));
            result.append("</Integrations>");
            if (page.hasMore()) {
                result.append(Xml.element("Marker", PageTokens.encode(page.lastKey())));
            }
        }
        return QueryProtocol.success(NAMESPACE, operation.awsName(), result.toString(), request.requestId());
    }

    /** Every member is optional in the model: a null one is left out (which lets tests send a broken one). */
    static String integrationXml(SimRdsIntegration i) {
        StringBuilder b = new StringBuilder("<Integration>");
        optional(b, "SourceArn", i.sourceArn());
        optional(b, "TargetArn", i.targetArn());
        optional(b, "IntegrationName", i.name());
        optional(b, "IntegrationArn", i.arn());
        optional(b, "KMSKeyId", i.kmsKeyId());
        if (!i.encryptionContext().isEmpty()) {
            b.append("<AdditionalEncryptionContext>");
            i.encryptionContext().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> b.append("<entry>")
                    .append(Xml.element("key", e.getKey())).append(Xml.element("value", e.getValue())).append("</entry>"));
            b.append("</AdditionalEncryptionContext>");
        }
        optional(b, "Status", i.status());
        if (!i.tags().isEmpty()) {
            b.append("<Tags>");
            i.tags().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> b.append("<Tag>")
                    .append(Xml.element("Key", e.getKey())).append(Xml.element("Value", e.getValue())).append("</Tag>"));
            b.append("</Tags>");
        }
        optional(b, "CreateTime", i.createTime() == null ? null : i.createTime().toString());
        if (!i.errors().isEmpty()) {
            b.append("<Errors>");
            i.errors().forEach(e -> b.append("<IntegrationError>").append(Xml.element("ErrorCode", e.code()))
                    .append(Xml.element("ErrorMessage", e.message())).append("</IntegrationError>"));
            b.append("</Errors>");
        }
        optional(b, "DataFilter", i.dataFilter());
        optional(b, "Description", i.description());
        return b.append("</Integration>").toString();
    }

    private static void optional(StringBuilder b, String member, String value) {
        if (value != null) {
            b.append(Xml.element(member, value));
        }
    }

    /**
     * {@code Filters.Filter.N.Name} with {@code Filters.Filter.N.Values.Value.M}. The model names no filters
     * for this operation; the simulator takes these and refuses others as RDS does a name it does not know.
     */
    private static Predicate<SimRdsIntegration> filter(Map<String, String> params) {
        Predicate<SimRdsIntegration> all = i -> true;
        for (int n = 1; params.containsKey("Filters.Filter." + n + ".Name"); n++) {
            String prefix = "Filters.Filter." + n + ".";
            String name = params.get(prefix + "Name");
            Set<String> values = new HashSet<>(values(params, prefix + "Values.Value."));
            if (values.isEmpty()) {
                throw new ApiException(400, "InvalidParameterCombination", "Filter " + name + " needs a value.");
            }
            all = all.and(switch (name) {
                case "integration-arn" -> i -> values.contains(i.arn());
                case "integration-name" -> i -> values.contains(i.name());
                case "source-arn" -> i -> values.contains(i.sourceArn());
                case "target-arn" -> i -> values.contains(i.targetArn());
                case "status" -> i -> values.contains(i.status());
                default -> throw new ApiException(400, "InvalidParameterValue", "Unrecognized filter name: " + name);
            });
        }
        return all;
    }

    private static List<String> values(Map<String, String> params, String prefix) {
        List<String> values = new ArrayList<>();
        for (int m = 1; params.containsKey(prefix + m); m++) {
            values.add(params.get(prefix + m));
        }
        return values;
    }

    private int limit(String raw) {
        int requested = MAX_RECORDS;
        if (raw != null) {
            try {
                requested = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw new ApiException(400, "InvalidParameterValue", "Invalid value '" + raw + "' for MaxRecords.");
            }
            if (requested < MIN_RECORDS || requested > MAX_RECORDS) {
                throw new ApiException(400, "InvalidParameterValue", "Invalid value " + requested
                        + " for MaxRecords. Must be between " + MIN_RECORDS + " and " + MAX_RECORDS);
            }
        }
        return Math.min(requested, estate.pageCap());
    }

    private static String marker(String marker) {
        if (marker == null || marker.isEmpty()) {
            return null;
        }
        String key = PageTokens.decode(marker);
        if (key == null) {
            throw new ApiException(400, "InvalidParameterValue", "Invalid Marker: " + marker);
        }
        return key;
    }

    @Override
    public SimResponse error(ApiException error, SimRequest request) {
        return QueryProtocol.error(NAMESPACE, error, request.requestId());
    }

    /** What RDS answers a caller over its rate, and the SDK retries. */
    @Override
    public ApiException throttling() {
        return new ApiException(400, "Throttling", "Rate exceeded");
    }

    @Override
    public ApiException internalError() {
        return new ApiException(500, "InternalFailure", "An internal error has occurred. Please try your query again.");
    }

    @Override
    public SimResponse malformed(Operation operation) {
        return SimResponse.of(200, QueryProtocol.CONTENT_TYPE, "<" + operation.awsName() + "Response xmlns=\""
                + NAMESPACE + "\"><" + operation.awsName() + "Result><Integrations><Integration><IntegrationArn>arn:aws:rds:");
    }
}
