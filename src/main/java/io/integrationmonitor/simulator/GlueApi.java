package io.integrationmonitor.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Glue over awsJson1_1: DescribeIntegrations and DescribeInboundIntegrations. */
final class GlueApi implements ServiceApi {
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final int DEFAULT_MAX_RECORDS = 100;

    private final Estate estate;
    private final ObjectMapper json;

    GlueApi(Estate estate, ObjectMapper json) {
        this.estate = estate;
        this.json = json;
    }

    @Override
    public SimResponse handle(Operation operation, SimRequest request) {
        JsonNode input = parse(request.body());
        PartitionEstate partition = estate.view(request.context().partition());
        ObjectNode out = switch (operation) {
            case GLUE_DESCRIBE_INTEGRATIONS -> describeIntegrations(partition, input);
            case GLUE_DESCRIBE_INBOUND_INTEGRATIONS -> describeInbound(partition, input);
            default -> throw new ApiException(400, "UnknownOperationException", operation.awsName());
        };
        return SimResponse.of(200, CONTENT_TYPE, out.toString());
    }

    private ObjectNode describeIntegrations(PartitionEstate partition, JsonNode input) {
        Predicate<SimIntegration> filter = integrationFilter(input.path("Filters"));
        String identifier = text(input, "IntegrationIdentifier");
        if (identifier != null) {
            SimIntegration found = partition.integrations.get(identifier);
            if (found == null) {
                found = partition.integrations.values().stream()
                        .filter(i -> i.name().equals(identifier)).findFirst().orElse(null);
            }
            if (found == null) {
                throw new ApiException(404, "IntegrationNotFoundFault", "Integration " + identifier + " not found.");
            }
            ObjectNode out = json.createObjectNode();
            ArrayNode items = out.putArray("Integrations");
            if (filter.test(found)) {
                items.add(integrationJson(found));
            }
            return out;
        }
        Page<SimIntegration> page = Page.of(partition.integrations, marker(input), limit(input), filter);
        ObjectNode out = json.createObjectNode();
        ArrayNode items = out.putArray("Integrations");
        page.items().forEach(i -> items.add(integrationJson(i)));
        if (page.hasMore()) {
            out.put("Marker", PageTokens.encode(page.lastKey()));
        }
        return out;
    }

    private ObjectNode describeInbound(PartitionEstate partition, JsonNode input) {
        String integrationArn = text(input, "IntegrationArn");
        String targetArn = text(input, "TargetArn");
        if (integrationArn != null && !partition.inbound.containsKey(integrationArn)) {
            throw new ApiException(404, "IntegrationNotFoundFault", "Integration " + integrationArn + " not found.");
        }
        Predicate<SimInboundIntegration> filter = i -> (integrationArn == null || i.arn().equals(integrationArn))
                && (targetArn == null || i.targetArn().equals(targetArn));
        Page<SimInboundIntegration> page = Page.of(partition.inbound, marker(input), limit(input), filter);
        ObjectNode out = json.createObjectNode();
        ArrayNode items = out.putArray("InboundIntegrations");
        for (SimInboundIntegration i : page.items()) {
            ObjectNode n = items.addObject();
            n.put("SourceArn", i.sourceArn());
            n.put("TargetArn", i.targetArn());
            n.put("IntegrationArn", i.arn());
            n.put("Status", i.status());
            n.put("CreateTime", epochSeconds(i.createTime()));
            errorsJson(n, i.errors());
        }
        if (page.hasMore()) {
            out.put("Marker", PageTokens.encode(page.lastKey()));
        }
        return out;
    }

    private ObjectNode integrationJson(SimIntegration i) {
        ObjectNode n = json.createObjectNode();
        n.put("SourceArn", i.sourceArn());
        n.put("TargetArn", i.targetArn());
        n.put("IntegrationName", i.name());
        n.put("IntegrationArn", i.arn());
        n.put("Status", i.status());
        n.put("CreateTime", epochSeconds(i.createTime()));
        if (i.description() != null) {
            n.put("Description", i.description());
        }
        if (!i.tags().isEmpty()) {
            ArrayNode tags = n.putArray("Tags");
            i.tags().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> tags.addObject().put("key", e.getKey()).put("value", e.getValue()));
        }
        if (i.refreshInterval() != null) {
            n.putObject("IntegrationConfig").put("RefreshInterval", Long.toString(i.refreshInterval().toMinutes()));
        }
        errorsJson(n, i.errors());
        return n;
    }

    private static void errorsJson(ObjectNode n, List<SimError> errors) {
        if (!errors.isEmpty()) {
            ArrayNode arr = n.putArray("Errors");
            errors.forEach(e -> arr.addObject().put("ErrorCode", e.code()).put("ErrorMessage", e.message()));
        }
    }

    private static Predicate<SimIntegration> integrationFilter(JsonNode filters) {
        Predicate<SimIntegration> all = i -> true;
        if (!filters.isArray()) {
            return all;
        }
        for (JsonNode f : filters) {
            String name = f.path("Name").asText("");
            Set<String> values = new HashSet<>();
            f.path("Values").forEach(v -> values.add(v.asText()));
            switch (name) {
                case "Status" -> all = all.and(i -> values.contains(i.status()));
                case "IntegrationName" -> {
                    if (values.size() != 1) {
                        throw new ApiException(400, "InvalidInputException",
                                "Filter IntegrationName takes exactly one value.");
                    }
                    all = all.and(i -> values.contains(i.name()));
                }
                case "SourceArn" -> all = all.and(i -> values.contains(i.sourceArn()));
                default -> throw new ApiException(400, "InvalidInputException", "Unsupported filter name: " + name);
            }
        }
        return all;
    }

    private int limit(JsonNode input) {
        JsonNode max = input.get("MaxRecords");
        int requested = DEFAULT_MAX_RECORDS;
        if (max != null && !max.isNull()) {
            requested = max.asInt();
            if (requested < 1) {
                throw new ApiException(400, "ValidationException", "MaxRecords must be at least 1.");
            }
        }
        return Math.min(requested, estate.pageCap());
    }

    private static String marker(JsonNode input) {
        String marker = text(input, "Marker");
        if (marker == null) {
            return null;
        }
        String key = PageTokens.decode(marker);
        if (key == null) {
            throw new ApiException(400, "InvalidInputException", "Invalid Marker.");
        }
        return key;
    }

    private static String text(JsonNode input, String field) {
        JsonNode n = input.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new ApiException(400, "SerializationException", "Request body must be a JSON object.");
            }
            return node;
        } catch (IOException e) {
            throw new ApiException(400, "SerializationException", "Malformed JSON request body.");
        }
    }

    /** awsJson timestamps are epoch seconds as JSON numbers; plain notation, never 1.7E9. */
    static BigDecimal epochSeconds(Instant t) {
        return BigDecimal.valueOf(t.toEpochMilli(), 3);
    }

    @Override
    public SimResponse error(ApiException error, SimRequest request) {
        ObjectNode body = json.createObjectNode().put("__type", error.code()).put("Message", error.getMessage());
        return SimResponse.of(error.status(), CONTENT_TYPE, body.toString(), Map.of("x-amzn-ErrorType", error.code()));
    }

    @Override
    public ApiException throttling() {
        return new ApiException(400, "ThrottlingException", "Rate exceeded");
    }

    @Override
    public ApiException internalError() {
        return new ApiException(500, "InternalServiceException", "An internal service error occurred.");
    }

    @Override
    public SimResponse malformed(Operation operation) {
        String list = operation == Operation.GLUE_DESCRIBE_INBOUND_INTEGRATIONS ? "InboundIntegrations" : "Integrations";
        return SimResponse.of(200, CONTENT_TYPE, "{\"" + list + "\":[{\"IntegrationArn\":\"arn:aws:glue:");
    }
}
