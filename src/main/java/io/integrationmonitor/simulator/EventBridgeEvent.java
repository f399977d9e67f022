package io.integrationmonitor.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One event as EventBridge delivers it to an SQS target: the envelope of the EventBridge "Event structure
 * reference" (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html), member for member
 * and in the order of the fixtures in {@code src/test/resources/events/}.
 *
 * @param time   when the change happened; EventBridge writes whole seconds ({@code 2026-12-02T07:30:01Z})
 * @param detail string members only (every detail member the simulator sends is a string); a null one is left out
 */
public record EventBridgeEvent(String id, String detailType, String source, String account, Instant time,
                               String region, List<String> resources, Map<String, String> detail) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public EventBridgeEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(detailType, "detailType");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        time = time.truncatedTo(ChronoUnit.SECONDS);
        resources = List.copyOf(resources);
        detail = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(detail));
    }

    /** The SQS message body: the event JSON itself (no input transformer). */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "0");
        root.put("id", id);
        root.put("detail-type", detailType);
        root.put("source", source);
        root.put("account", account);
        root.put("time", time.toString());
        root.put("region", region);
        ArrayNode arns = root.putArray("resources");
        resources.forEach(arns::add);
        ObjectNode details = root.putObject("detail");
        detail.forEach((name, value) -> {
            if (value != null) {
                details.put(name, value);
            }
        });
        return root.toString();
    }
}
