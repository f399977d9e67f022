package io.integrationmonitor.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** Amazon AppIntegrations over restJson1: the data integration and association listings. */
final class AppIntegrationsApi implements ServiceApi {
    static final String ROOT = "/dataIntegrations";
    static final String CONTENT_TYPE = "application/json";
    private static final int MAX_RESULTS = 50;

    private final Estate estate;
    private final ObjectMapper json;

    AppIntegrationsApi(Estate estate, ObjectMapper json) {
        this.estate = estate;
        this.json = json;
    }

    static boolean owns(String rawPath) {
        return rawPath.equals(ROOT) || rawPath.startsWith(ROOT + "/");
    }

    @Override
    public String resourceOf(Operation operation, SimRequest request) {
        return operation == Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATION_ASSOCIATIONS
                ? segments(request.rawPath()).get(0) : null;
    }

    /** Null for a path no modelled GET operation has. */
    static Operation operationOf(String method, String rawPath) {
        if (!"GET".equals(method)) {
            return null;
        }
        List<String> segments = segments(rawPath);
        if (segments.isEmpty()) {
            return Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATIONS;
        }
        if (segments.size() == 1) {
            return Operation.APPINTEGRATIONS_GET_DATA_INTEGRATION;
        }
        if (segments.size() == 2 && "associations".equals(segments.get(1))) {
            return Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATION_ASSOCIATIONS;
        }
        return null;
    }

    /** Path labels after {@code /dataIntegrations}, each percent-decoded on its own (an ARN label holds '/'). */
    private static List<String> segments(String rawPath) {
        String rest = rawPath.substring(ROOT.length());
        if (rest.isEmpty() || rest.equals("/")) {
            return List.of();
        }
        return java.util.Arrays.stream(rest.substring(1).split("/", -1)).map(Http::percentDecode).toList();
    }

    @Override
    public SimResponse handle(Operation operation, SimRequest request) {
        PartitionEstate partition = estate.view(request.context().partition());
        ObjectNode out = switch (operation) {
            case APPINTEGRATIONS_LIST_DATA_INTEGRATIONS -> listDataIntegrations(partition, request);
            case APPINTEGRATIONS_GET_DATA_INTEGRATION -> getDataIntegration(partition, request);
            case APPINTEGRATIONS_LIST_DATA_INTEGRATION_ASSOCIATIONS -> listAssociations(partition, request);
            default -> throw new ApiException(404, "UnknownOperationException", operation.awsName());
        };
        return SimResponse.of(200, CONTENT_TYPE, out.toString());
    }

    private ObjectNode listDataIntegrations(PartitionEstate partition, SimRequest request) {
        Page<SimDataIntegration> page = Page.of(partition.dataIntegrations, nextToken(request),
                maxResults(request), d -> true);
        ObjectNode out = json.createObjectNode();
        ArrayNode items = out.putArray("DataIntegrations");
        page.items().forEach(d -> items.addObject().put("Arn", d.arn()).put("Name", d.name())
                .put("SourceURI", d.sourceUri()));
        if (page.hasMore()) {
            out.put("NextToken", PageTokens.encode(page.lastKey()));
        }
        return out;
    }

    private ObjectNode getDataIntegration(PartitionEstate partition, SimRequest request) {
        SimDataIntegration d = dataIntegration(partition, request);
        ObjectNode out = json.createObjectNode();
        out.put("Arn", d.arn()).put("Id", d.id()).put("Name", d.name()).put("SourceURI", d.sourceUri());
        if (d.description() != null) {
            out.put("Description", d.description());
        }
        out.putObject("ScheduleConfiguration").put("FirstExecutionFrom", "1717200000")
                .put("Object", "Account").put("ScheduleExpression", "rate(1 hours)");
        return out;
    }

    private ObjectNode listAssociations(PartitionEstate partition, SimRequest request) {
        SimDataIntegration d = dataIntegration(partition, request);
        Page<SimAssociation> page = Page.of(partition.associationsView(d.arn()), nextToken(request),
                maxResults(request), a -> true);
        ObjectNode out = json.createObjectNode();
        ArrayNode items = out.putArray("DataIntegrationAssociations");
        for (SimAssociation a : page.items()) {
            ObjectNode n = items.addObject();
            n.put("DataIntegrationAssociationArn", a.arn());
            n.put("DataIntegrationArn", a.dataIntegrationArn());
            n.put("ClientId", a.clientId());
            n.put("DestinationURI", a.destinationUri());
            if (a.executionStatus() != null) {
                ObjectNode last = n.putObject("LastExecutionStatus");
                last.put("ExecutionStatus", a.executionStatus());
                if (a.statusMessage() != null) {
                    last.put("StatusMessage", a.statusMessage());
                }
            }
            ObjectNode exec = n.putObject("ExecutionConfiguration");
            exec.put("ExecutionMode", a.executionMode());
            if ("SCHEDULED".equals(a.executionMode())) {
                exec.putObject("ScheduleConfiguration").put("FirstExecutionFrom", "1717200000")
                        .put("Object", "Account").put("ScheduleExpression", "rate(1 hours)");
            }
        }
        if (page.hasMore()) {
            out.put("NextToken", PageTokens.encode(page.lastKey()));
        }
        return out;
    }

    /**
     * The {Identifier} path label of GetDataIntegration and ListDataIntegrationAssociations: shape Identifier
     * (1-255 characters, pattern {@code .*\S.*}), documented as "A unique identifier for the DataIntegration",
     * i.e. its Id (botocore data/appintegrations/2020-07-29/service-2.json). Nothing documents the ARN or the
     * name as accepted, so neither resolves here: a client that sends them fails as it may against AWS.
     */
    private static SimDataIntegration dataIntegration(PartitionEstate partition, SimRequest request) {
        String identifier = segments(request.rawPath()).get(0);
        if (identifier.isEmpty() || identifier.length() > 255 || identifier.isBlank()) {
            throw new ApiException(400, "InvalidRequestException",
                    "Identifier must be 1-255 characters, not all blank.");
        }
        SimDataIntegration d = partition.findDataIntegration(identifier);
        if (d == null) {
            throw new ApiException(404, "ResourceNotFoundException",
                    "The specified resource was not found: " + identifier);
        }
        return d;
    }

    private int maxResults(SimRequest request) {
        String raw = request.params().get("maxResults");
        int requested = MAX_RESULTS;
        if (raw != null) {
            try {
                requested = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw new ApiException(400, "InvalidRequestException", "maxResults must be a number.");
            }
            if (requested < 1 || requested > MAX_RESULTS) {
                throw new ApiException(400, "InvalidRequestException", "maxResults must be between 1 and 50.");
            }
        }
        return Math.min(requested, estate.pageCap());
    }

    private static String nextToken(SimRequest request) {
        String token = request.params().get("nextToken");
        if (token == null) {
            return null;
        }
        String key = token.length() > 1000 ? null : PageTokens.decode(token);
        if (key == null) {
            throw new ApiException(400, "InvalidRequestException", "Invalid nextToken.");
        }
        return key;
    }

    @Override
    public SimResponse error(ApiException error, SimRequest request) {
        ObjectNode body = json.createObjectNode().put("Message", error.getMessage());
        return SimResponse.of(error.status(), CONTENT_TYPE, body.toString(), Map.of("x-amzn-ErrorType", error.code()));
    }

    @Override
    public ApiException throttling() {
        return new ApiException(429, "ThrottlingException", "Rate exceeded");
    }

    @Override
    public ApiException internalError() {
        return new ApiException(500, "InternalServiceError", "Request processing failed due to an internal error.");
    }

    @Override
    public SimResponse malformed(Operation operation) {
        return SimResponse.of(200, CONTENT_TYPE, "{\"DataIntegrations\":[{\"Arn\":\"arn:aws:app-");
    }
}
