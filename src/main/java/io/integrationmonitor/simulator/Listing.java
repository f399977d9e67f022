package io.integrationmonitor.simulator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The listing operations' response shapes, for the faults that bend them: a 200 without the list,
 * a null list, an endless series of empty pages, a page of any size (streamed, so the simulator never
 * holds it). The awsQuery listings (RDS, Redshift) render them as XML: no result element, a result without the
 * list, an empty list with a fresh {@code Marker}, a long list.
 */
enum Listing {
    GLUE_INTEGRATIONS(Operation.GLUE_DESCRIBE_INTEGRATIONS, "Integrations", "Marker", GlueApi.CONTENT_TYPE),
    GLUE_INBOUND_INTEGRATIONS(Operation.GLUE_DESCRIBE_INBOUND_INTEGRATIONS, "InboundIntegrations", "Marker",
            GlueApi.CONTENT_TYPE),
    DATA_INTEGRATIONS(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATIONS, "DataIntegrations", "NextToken",
            AppIntegrationsApi.CONTENT_TYPE),
    DATA_INTEGRATION_ASSOCIATIONS(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATION_ASSOCIATIONS,
            "DataIntegrationAssociations", "NextToken", AppIntegrationsApi.CONTENT_TYPE),
    RDS_INTEGRATIONS(Operation.RDS_DESCRIBE_INTEGRATIONS, "Integrations",
            new QueryShape(RdsApi.NAMESPACE, "Integration")),
    REDSHIFT_INTEGRATIONS(Operation.REDSHIFT_DESCRIBE_INTEGRATIONS, "Integrations",
            new QueryShape(RedshiftApi.NAMESPACE, "Integration")),
    REDSHIFT_INBOUND_INTEGRATIONS(Operation.REDSHIFT_DESCRIBE_INBOUND_INTEGRATIONS, "InboundIntegrations",
            new QueryShape(RedshiftApi.NAMESPACE, "InboundIntegration"));

    /** An awsQuery listing's XML: its namespace and the list's item element; the token is {@code Marker}. */
    private record QueryShape(String namespace, String itemMember) {
    }

    /** Roughly the size of a real Glue integration's JSON, so a page of N bytes has a realistic item count. */
    private static final String PADDING = "x".repeat(1000);
    private static final Instant BIG_CREATED = Instant.ofEpochSecond(1717200000);

    private final Operation operation;
    private final String listMember;
    private final String tokenMember;
    private final String contentType;
    private final QueryShape query;

    Listing(Operation operation, String listMember, String tokenMember, String contentType) {
        this(operation, listMember, tokenMember, contentType, null);
    }

    Listing(Operation operation, String listMember, String tokenMember, String contentType, String xmlNamespace) {
        this.operation = operation;
        this.listMember = listMember;
        this.tokenMember = tokenMember;
        this.contentType = contentType;
        this.query = null;
    }

    Listing(Operation operation, String listMember, QueryShape query) {
        this.operation = operation;
        this.listMember = listMember;
        this.tokenMember = "Marker";
        this.contentType = QueryProtocol.CONTENT_TYPE;
        this.query = query;
    }

    /** @throws IllegalArgumentException when {@code operation} is no listing (or null: a listing fault needs one) */
    static Listing of(Operation operation) {
        for (Listing l : values()) {
            if (l.operation == operation) {
                return l;
            }
        }
        throw new IllegalArgumentException("this fault needs a listing operation (DescribeIntegrations,"
                + " DescribeInboundIntegrations, ListDataIntegrations, ListDataIntegrationAssociations), got "
                + operation);
    }

    /** {@code 200 {}}: every member absent; in XML an empty {@code <ActionResult/>}. */
    SimResponse emptyObject() {
        if (query != null) {
            return SimResponse.of(200, contentType, "<" + action() + "Response xmlns=\"" + query.namespace()
                    + "\"><ResponseMetadata>" + Xml.element("RequestId", "listing-fault")
                    + "</ResponseMetadata></" + action() + "Response>");
        }
        return SimResponse.of(200, contentType, "{}");
    }

    /**
     * {@code 200 {"Integrations": null}}. XML has no null: the nearest is a document without its
     * {@code <ActionResult>} element at all.
     */
    SimResponse nullList() {
        if (query != null) {
            return QueryProtocol.success(query.namespace(), action(), "", "listing-fault");
        }
        return SimResponse.of(200, contentType, "{\"" + listMember + "\":null}");
    }

    /** An empty page with a token never sent before: a listing that never ends. */
    SimResponse endlessPage(long sequence) {
        if (query != null) {
            return QueryProtocol.success(query.namespace(), action(), "<" + listMember + "/>"
                    + Xml.element(tokenMember, PageTokens.encode("endless-page-" + sequence)), "listing-fault");
        }
        return SimResponse.of(200, contentType, "{\"" + listMember + "\":[],\"" + tokenMember + "\":\""
                + PageTokens.encode("endless-page-" + sequence) + "\"}");
    }

    /**
     * A well-formed last page of at least {@code bytes} bytes, written item by item as the client reads it
     * (chunked, no Content-Length), so its size costs the simulator no memory.
     */
    SimResponse oversized(Partition partition, long bytes) {
        return SimResponse.streamed(200, contentType, out -> {
            OutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
            long written = write(buffered, query != null ? "<" + action() + "Response xmlns=\"" + query.namespace()
                    + "\"><" + action() + "Result><" + listMember + ">" : "{\"" + listMember + "\":[");
            for (long n = 0; written < bytes; n++) {
                written += write(buffered, (n == 0 || query != null ? "" : ",") + item(partition, n));
            }
            write(buffered, query != null ? "</" + listMember + "></" + action() + "Result></" + action() + "Response>"
                    : "]}");
            buffered.flush();
        });
    }

    private String item(Partition p, long n) {
        String prefix = "arn:aws:%s:" + p.region() + ":" + p.account() + ":";
        return switch (this) {
            case GLUE_INTEGRATIONS -> "{\"IntegrationArn\":\"" + prefix.formatted("glue") + "integration:big-" + n
                    + "\",\"IntegrationName\":\"big-" + n + "\",\"Status\":\"ACTIVE\",\"SourceArn\":\""
                    + prefix.formatted("dynamodb") + "table/big\",\"TargetArn\":\"" + prefix.formatted("glue")
                    + "database/big\",\"CreateTime\":1717200000,\"Description\":\"" + PADDING + "\"}";
            case GLUE_INBOUND_INTEGRATIONS -> "{\"IntegrationArn\":\"" + prefix.formatted("glue")
                    + "integration:big-" + n + "\",\"Status\":\"ACTIVE\",\"SourceArn\":\""
                    + prefix.formatted("dynamodb") + "table/big\",\"TargetArn\":\"" + prefix.formatted("glue")
                    + "database/" + PADDING + "\",\"CreateTime\":1717200000}";
            case DATA_INTEGRATIONS -> "{\"Arn\":\"" + prefix.formatted("app-integrations") + "data-integration/big-"
                    + n + "\",\"Name\":\"big-" + n + "\",\"SourceURI\":\"Salesforce://" + PADDING + "\"}";
            case DATA_INTEGRATION_ASSOCIATIONS -> "{\"DataIntegrationAssociationArn\":\""
                    + prefix.formatted("app-integrations") + "data-integration-association/big/" + n
                    + "\",\"ClientId\":\"big\",\"DestinationURI\":\"s3://" + PADDING + "\"}";
            case RDS_INTEGRATIONS -> RdsApi.integrationXml(new SimRdsIntegration(prefix.formatted("rds")
                    + "integration:" + new UUID(0, n), "big-" + n, prefix.formatted("rds") + "cluster:big",
                    prefix.formatted("redshift") + "namespace:big", "active", BIG_CREATED, PADDING, null,
                    null, Map.of(), List.of(), Map.of()));
            case REDSHIFT_INTEGRATIONS -> RedshiftApi.integrationXml(new SimRedshiftIntegration(
                    prefix.formatted("redshift") + "integration:" + new UUID(0, n), "big-" + n,
                    prefix.formatted("dynamodb") + "table/big", prefix.formatted("redshift-serverless") + "namespace/big",
                    "active", BIG_CREATED, PADDING, null, Map.of(), List.of(), Map.of()));
            case REDSHIFT_INBOUND_INTEGRATIONS -> RedshiftApi.inboundXml(new SimRedshiftInboundIntegration(
                    prefix.formatted("redshift") + "integration:" + new UUID(0, n), prefix.formatted("dynamodb")
                    + "table/big", prefix.formatted("redshift-serverless") + "namespace/" + PADDING, "active",
                    BIG_CREATED, List.of()));
        };
    }

    private String action() {
        return operation.awsName();
    }

    private static long write(OutputStream out, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        out.write(b);
        return b.length;
    }
}
