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
 * The listing operations' response shapes (JSON, or for the awsQuery services XML), for the faults that bend them: a 200 without the list,
 * a null list, an endless series of empty pages, a page of any size (streamed, so the simulator never
 * holds it).
 */
enum Listing {
    GLUE_INTEGRATIONS(Operation.GLUE_DESCRIBE_INTEGRATIONS, "Integrations", "Marker", GlueApi.CONTENT_TYPE),
    GLUE_INBOUND_INTEGRATIONS(Operation.GLUE_DESCRIBE_INBOUND_INTEGRATIONS, "InboundIntegrations", "Marker",
            GlueApi.CONTENT_TYPE),
    DATA_INTEGRATIONS(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATIONS, "DataIntegrations", "NextToken",
            AppIntegrationsApi.CONTENT_TYPE),
    DATA_INTEGRATION_ASSOCIATIONS(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATION_ASSOCIATIONS,
            "DataIntegrationAssociations", "NextToken", AppIntegrationsApi.CONTENT_TYPE),
    /** awsQuery: the faults are rendered as RDS XML ({@link #xmlNamespace}). */
    RDS_INTEGRATIONS(Operation.RDS_DESCRIBE_INTEGRATIONS, "Integrations", "Marker", QueryProtocol.CONTENT_TYPE,
            RdsApi.NAMESPACE);

    /** Roughly the size of a real Glue integration's JSON, so a page of N bytes has a realistic item count. */
    private static final String PADDING = "x".repeat(1000);

    private final Operation operation;
    private final String listMember;
    private final String tokenMember;
    private final String contentType;
    /** Set for the awsQuery listings, whose answers are XML documents in this namespace; null for JSON. */
    private final String xmlNamespace;

    Listing(Operation operation, String listMember, String tokenMember, String contentType) {
        this(operation, listMember, tokenMember, contentType, null);
    }

    Listing(Operation operation, String listMember, String tokenMember, String contentType, String xmlNamespace) {
        this.operation = operation;
        this.listMember = listMember;
        this.tokenMember = tokenMember;
        this.contentType = contentType;
        this.xmlNamespace = xmlNamespace;
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
        if (xmlNamespace != null) {
            return SimResponse.of(200, contentType, xmlHead() + xmlTail());
        }
        return SimResponse.of(200, contentType, "{}");
    }

    /**
     * {@code 200 {"Integrations": null}}. XML has no null: the nearest is a document without its
     * {@code <ActionResult>} element at all.
     */
    SimResponse nullList() {
        if (xmlNamespace != null) {
            String action = operation.awsName();
            return SimResponse.of(200, contentType, "<" + action + "Response xmlns=\"" + xmlNamespace + "\">"
                    + QueryProtocol.responseMetadataTail(action, requestId()));
        }
        return SimResponse.of(200, contentType, "{\"" + listMember + "\":null}");
    }

    /** An empty page with a token never sent before: a listing that never ends. */
    SimResponse endlessPage(long sequence) {
        String token = PageTokens.encode("endless-page-" + sequence);
        if (xmlNamespace != null) {
            return SimResponse.of(200, contentType, xmlHead() + "<" + listMember + "/>"
                    + Xml.element(tokenMember, token) + xmlTail());
        }
        return SimResponse.of(200, contentType, "{\"" + listMember + "\":[],\"" + tokenMember + "\":\""
                + token + "\"}");
    }

    /**
     * A well-formed last page of at least {@code bytes} bytes, written item by item as the client reads it
     * (chunked, no Content-Length), so its size costs the simulator no memory.
     */
    SimResponse oversized(Partition partition, long bytes) {
        return SimResponse.streamed(200, contentType, out -> {
            OutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
            boolean xml = xmlNamespace != null;
            long written = write(buffered, xml ? xmlHead() + "<" + listMember + ">" : "{\"" + listMember + "\":[");
            for (long n = 0; written < bytes; n++) {
                written += write(buffered, (n == 0 || xml ? "" : ",") + item(partition, n));
            }
            write(buffered, xml ? "</" + listMember + ">" + xmlTail() : "]}");
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
                    + "integration:big-" + n, "big-" + n, prefix.formatted("rds") + "cluster:big",
                    prefix.formatted("redshift") + "namespace:big", "active", Instant.EPOCH, PADDING, null,
                    null, Map.of(), List.of(), Map.of()));
        };
    }

    private String xmlHead() {
        return QueryProtocol.resultHead(xmlNamespace, operation.awsName());
    }

    private String xmlTail() {
        return QueryProtocol.resultTail(operation.awsName(), requestId());
    }

    private static String requestId() {
        return UUID.randomUUID().toString();
    }

    private static long write(OutputStream out, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        out.write(b);
        return b.length;
    }
}
