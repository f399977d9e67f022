package io.integrationmonitor.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A small JSON API under {@code /_simulator/} so people and shell scripts can inspect and steer the
 * simulator (the Java API offers the same). ARNs in paths may be percent-encoded or not.
 */
final class AdminApi {
    static final String ROOT = "/_simulator";
    private static final String JSON = "application/json";

    private final Estate estate;
    private final Faults faults;
    private final CallCounters counters;
    private final SnsTopics sns;
    private final SqsQueues sqs;
    private final EventEmitter events;
    private final Identities identities;
    private final SimFreshness freshness;
    private final ObjectMapper json;

    AdminApi(Estate estate, Faults faults, CallCounters counters, SnsTopics sns, SqsQueues sqs, EventEmitter events,
             Identities identities, SimFreshness freshness, ObjectMapper json) {
        this.freshness = freshness;
        this.sqs = sqs;
        this.events = events;
        this.estate = estate;
        this.faults = faults;
        this.counters = counters;
        this.sns = sns;
        this.identities = identities;
        this.json = json;
    }

    SimResponse handle(String method, String rawPath, String rawQuery, byte[] body) {
        try {
            Object result = route(method, rawPath.substring(ROOT.length()), Http.parseParams(rawQuery), body);
            if (result == null) {
                return SimResponse.of(404, JSON, error("no admin route " + method + " " + rawPath));
            }
            return SimResponse.of(200, JSON, json.writeValueAsString(result));
        } catch (NoSuchElementException e) {
            return SimResponse.of(404, JSON, error(e.getMessage()));
        } catch (IllegalArgumentException | IOException e) {
            return SimResponse.of(400, JSON, error(e.getMessage()));
        }
    }

    private Object route(String method, String path, Map<String, String> query, byte[] body) throws IOException {
        if (path.startsWith("/sqs/")) {
            return sqsRoute(method, path.substring("/sqs/".length()), query, body);
        }
        if (method.equals("GET")) {
            return switch (path) {
                case "", "/", "/estate" -> estate.summary();
                case "/resources" -> resources(partition(query.get("account"), query.get("region")));
                case "/calls" -> Map.of("total", counters.total(), "byOperation", counters.snapshot(),
                        "byAccount", counters.snapshotByAccount());
                case "/sns/messages" -> sns.messages();
                case "/events" -> events.status();
                case "/freshness" -> freshness.summary();
                default -> null;
            };
        }
        if (method.equals("DELETE")) {
            switch (path) {
                case "/faults" -> faults.clear();
                case "/calls" -> counters.reset();
                case "/sns/messages" -> sns.clearMessages();
                case "/events" -> events.stop();
                case "/freshness" -> freshness.clear();
                default -> {
                    if (!path.startsWith("/resources/")) {
                        return null;
                    }
                    String arn = Http.percentDecode(path.substring("/resources/".length()));
                    if (!estate.remove(arn)) {
                        throw new NoSuchElementException("no resource " + arn);
                    }
                }
            }
            return Map.of("ok", true);
        }
        if (!method.equals("POST")) {
            return null;
        }
        JsonNode in = body.length == 0 ? json.createObjectNode() : json.readTree(body);
        if (path.startsWith("/freshness/")) {
            freshnessControl(path.substring("/freshness/".length()), in);
            return Map.of("ok", true);
        }
        if (path.startsWith("/integrations/") && path.endsWith("/status")) {
            String arn = Http.percentDecode(path.substring("/integrations/".length(), path.length() - "/status".length()));
            estate.setGlueStatus(arn, requiredText(in, "status"), errors(in.path("errors")));
            return Map.of("ok", true);
        }
        if (path.startsWith("/redshift/integrations/") && path.endsWith("/status")) {
            // in whichever Redshift listings have it; status as Redshift spells it: needs_attention
            String arn = Http.percentDecode(path.substring("/redshift/integrations/".length(),
                    path.length() - "/status".length()));
            estate.setRedshiftStatus(arn, requiredText(in, "status"), errors(in.path("errors")));
            return Map.of("ok", true);
        }
        if (path.startsWith("/associations/") && path.endsWith("/execution")) {
            String arn = Http.percentDecode(path.substring("/associations/".length(), path.length() - "/execution".length()));
            estate.setAssociationExecution(arn, text(in, "status"), text(in, "message"));
            return Map.of("ok", true);
        }
        return switch (path) {
            case "/faults" -> {
                addFault(in);
                yield Map.of("ok", true);
            }
            case "/estate/populate" -> {
                estate.populate(partition(text(in, "account"), text(in, "region")),
                        EstateSpec.parse(in.path("spec").asText("")));
                yield estate.summary();
            }
            case "/events" -> {
                events.deliverTo(delivery(in));
                yield events.status();
            }
            case "/tables/ingestion" -> {
                tableIngestion(in);
                yield Map.of("ok", true);
            }
            case "/sts/deny-role" -> {
                identities.denyRole(requiredText(in, "roleArn"));
                yield Map.of("ok", true);
            }
            case "/sts/external-id" -> {
                identities.requireExternalId(requiredText(in, "roleArn"), requiredText(in, "externalId"));
                yield Map.of("ok", true);
            }
            default -> null;
        };
    }

    /**
     * {@code <account>/<queue>}: GET lists the messages left, POST creates the queue; {@code .../messages}: POST
     * sends the request body, as is, as one message (an EventBridge event JSON, say). Region: {@code ?region=}.
     */
    private Object sqsRoute(String method, String rest, Map<String, String> query, byte[] body) {
        String[] parts = rest.split("/", -1);
        if (parts.length < 2 || parts.length > 3 || (parts.length == 3 && !parts[2].equals("messages"))) {
            return null;
        }
        Partition partition = partition(parts[0], query.get("region"));
        String name = parts[1];
        if (parts.length == 3) {
            if (!method.equals("POST")) {
                return null;
            }
            return Map.of("MessageId", sqs.send(partition, name, new String(body, java.nio.charset.StandardCharsets.UTF_8)));
        }
        return switch (method) {
            case "GET" -> sqs.messages(partition, name);
            case "POST" -> {
                sqs.createQueue(partition, name);
                yield Map.of("ok", true);
            }
            default -> null;
        };
    }

    /**
     * {@code {"queues": [{"account", "region", "name"}], "delayMillis", "jitterMillis", "duplicates", "reorder",
     * "reorderHoldMillis", "seed"}}, every member optional: by default one queue {@code integration-events} of the
     * default account in us-east-1, at once, once each, in order.
     */
    private EventDelivery delivery(JsonNode in) {
        List<EventQueue> queues = new ArrayList<>();
        in.path("queues").forEach(q -> queues.add(new EventQueue(partition(text(q, "account"), text(q, "region")),
                q.path("name").asText(EventQueue.DEFAULT_NAME))));
        if (queues.isEmpty()) {
            queues.add(new EventQueue(partition(null, null), EventQueue.DEFAULT_NAME));
        }
        return new EventDelivery(queues, Duration.ofMillis(in.path("delayMillis").asLong(0)),
                Duration.ofMillis(in.path("jitterMillis").asLong(0)), in.path("duplicates").asDouble(0),
                in.path("reorder").asDouble(0),
                Duration.ofMillis(in.path("reorderHoldMillis").asLong(EventDelivery.DEFAULT_REORDER_HOLD.toMillis())),
                in.path("seed").asLong(0));
    }

    /**
     * {@code POST /_simulator/freshness/<control>}, the {@link SimFreshness} controls; instants are ISO-8601 and
     * default to the metrics' now: {@code stop-syncing {"integrationArn", "since"}}, {@code resume-syncing
     * {"integrationArn"}}, {@code lag {"integrationArn", "from", "lagSeconds"}}, {@code fail-tables
     * {"integrationArn", "tables": [...], "from"}}, {@code clear-tables {"integrationArn", "from"}},
     * {@code deny {"accountId"}}, {@code allow {"accountId"}}, {@code page-datapoints {"datapoints"}}.
     */
    private void freshnessControl(String control, JsonNode in) {
        switch (control) {
            case "stop-syncing" -> freshness.stopSyncing(requiredText(in, "integrationArn"), instant(in, "since"));
            case "resume-syncing" -> freshness.resumeSyncing(requiredText(in, "integrationArn"));
            case "lag" -> {
                if (!in.path("lagSeconds").canConvertToLong()) {
                    throw new IllegalArgumentException("missing 'lagSeconds'");
                }
                freshness.lag(requiredText(in, "integrationArn"), instant(in, "from"),
                        Duration.ofSeconds(in.path("lagSeconds").asLong()));
            }
            case "fail-tables" -> {
                List<String> tables = new ArrayList<>();
                in.path("tables").forEach(t -> tables.add(t.asText()));
                freshness.failTables(requiredText(in, "integrationArn"), tables, instant(in, "from"));
            }
            case "clear-tables" -> freshness.clearTables(requiredText(in, "integrationArn"), instant(in, "from"));
            case "deny" -> freshness.denyCloudWatch(requiredText(in, "accountId"));
            case "allow" -> freshness.allowCloudWatch(requiredText(in, "accountId"));
            case "page-datapoints" -> freshness.pageDatapoints(in.path("datapoints").asInt(0));
            default -> throw new NoSuchElementException("no freshness control " + control);
        }
    }

    private java.time.Instant instant(JsonNode in, String field) {
        String v = text(in, field);
        try {
            return v == null ? freshness.clock().instant() : java.time.Instant.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' is an ISO-8601 instant");
        }
    }

    /** {@code {"integrationArn", "table", "status": "FAILED|COMPLETED", "code", "message"}}. */
    private void tableIngestion(JsonNode in) {
        String arn = requiredText(in, "integrationArn");
        String table = requiredText(in, "table");
        switch (requiredText(in, "status")) {
            case "FAILED" -> estate.failTableIngestion(arn, table, text(in, "code"), text(in, "message"));
            case "COMPLETED" -> estate.completeTableIngestion(arn, table);
            default -> throw new IllegalArgumentException("status is FAILED or COMPLETED");
        }
    }

    /**
     * {@code {"type": "throttle|fail|fail-always|throttle-always|malformed|error|latency|rate-limit|empty-object|
     * null-list|endless-pages|oversized", ...}}; the last four need a listing {@code operation}, and
     * {@code oversized} a size in {@code bytes}.
     */
    private void addFault(JsonNode in) {
        String type = requiredText(in, "type");
        Operation op = in.hasNonNull("operation") ? Operation.parse(in.get("operation").asText()) : null;
        String account = text(in, "account");
        int count = in.path("count").asInt(1);
        switch (type) {
            case "throttle" -> faults.throttleNext(op, account, count);
            case "fail" -> faults.failNext(op, account, count);
            case "fail-always" -> faults.failAlways(op, account);
            case "throttle-always" -> faults.throttleAlways(op, account);
            case "malformed" -> faults.malformedNext(op, count);
            case "error" -> faults.errorNext(op, account, count, in.path("status").asInt(400),
                    requiredText(in, "code"), in.path("message").asText("Injected by the simulator"));
            case "latency" -> faults.addLatency(op, account, Duration.ofMillis(in.path("millis").asLong()));
            case "empty-object" -> faults.emptyObjectNext(op, account, count);
            case "null-list" -> faults.nullListNext(op, account, count);
            case "endless-pages" -> faults.endlessPages(op, account);
            case "oversized" -> faults.oversizedNext(op, account, count, in.path("bytes").asLong(0));
            case "rate-limit" -> faults.rateLimit(account == null ? identities.defaultAccount() : account,
                    in.path("rate").asDouble(), in.path("burst").asInt(1));
            default -> throw new IllegalArgumentException("unknown fault type " + type);
        }
    }

    private Map<String, Object> resources(Partition partition) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("account", partition.account());
        out.put("region", partition.region());
        out.put("integrations", estate.integrations(partition));
        out.put("inboundIntegrations", estate.inboundIntegrations(partition));
        out.put("dataIntegrations", estate.dataIntegrations(partition));
        out.put("associations", estate.associations(partition));
        out.put("rdsIntegrations", estate.rdsIntegrations(partition));
        out.put("redshiftIntegrations", estate.redshiftIntegrations(partition));
        out.put("redshiftInboundIntegrations", estate.redshiftInboundIntegrations(partition));
        return out;
    }

    private Partition partition(String account, String region) {
        return new Partition(account == null ? identities.defaultAccount() : account,
                region == null ? Estate.DEFAULT_REGION : region);
    }

    private static List<SimError> errors(JsonNode node) {
        List<SimError> errors = new ArrayList<>();
        node.forEach(e -> errors.add(new SimError(e.path("code").asText(), e.path("message").asText())));
        return errors;
    }

    private static String text(JsonNode in, String field) {
        return in.hasNonNull(field) ? in.get(field).asText() : null;
    }

    private static String requiredText(JsonNode in, String field) {
        String v = text(in, field);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("missing '" + field + "'");
        }
        return v;
    }

    private String error(String message) {
        return json.createObjectNode().put("error", String.valueOf(message)).toString();
    }
}
