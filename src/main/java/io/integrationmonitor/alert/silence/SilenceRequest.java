package io.integrationmonitor.alert.silence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.config.ConfigBinding;
import io.integrationmonitor.config.ConfigException;
import io.integrationmonitor.config.ConfigProblem;
import io.integrationmonitor.config.MatchConfig;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The body of {@code POST /api/v1/silences}, checked before anything reaches the database, with every
 * refusal in the API's own words (the field and the limit), never a parser's. The text limits are the
 * {@code alert_silence} columns ({@code comment VARCHAR(1024)}, {@code created_by VARCHAR(256)}); the matcher
 * limits are {@link MatchConfig}'s own, the same as for a route or a config silence.
 */
public final class SilenceRequest {
    static final int MAX_COMMENT = 1024;
    static final int MAX_CREATED_BY = 256;

    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final Set<String> FIELDS = Set.of("matchers", "starts_at", "ends_at", "comment", "created_by");

    /** A request the API refuses: answered 400 with this message. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private SilenceRequest() {
    }

    public static Silence parse(byte[] body, ObjectMapper json, Instant now) throws Invalid {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (java.io.IOException e) {
            throw new Invalid("request body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new Invalid("request body must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new Invalid("unknown field '" + shorten(name) + "'; the fields are " + FIELDS);
            }
        }
        MatchConfig matchers = matchers(root.get("matchers"));
        Instant startsAt = instant(root, "starts_at");
        Instant endsAt = instant(root, "ends_at");
        if (endsAt == null) {
            throw new Invalid("ends_at is required");
        }
        startsAt = startsAt == null ? now : startsAt;
        if (!endsAt.isAfter(startsAt)) {
            throw new Invalid("ends_at must be after starts_at");
        }
        String comment = text(root, "comment", MAX_COMMENT);
        String createdBy = text(root, "created_by", MAX_CREATED_BY);
        return new Silence(UUID.randomUUID().toString(), matchers, startsAt, endsAt, comment, createdBy, now);
    }

    private static MatchConfig matchers(JsonNode node) throws Invalid {
        if (node == null || node.isNull()) {
            throw new Invalid("a silence must have at least one matcher (matchers)");
        }
        if (!node.isObject()) {
            throw new Invalid("matchers must be a JSON object");
        }
        MatchConfig matchers;
        try {
            // Bound as routes and config silences are: the same checks, the same words.
            matchers = ConfigBinding.bind(node, MatchConfig.class, "matchers");
        } catch (ConfigException e) {
            throw new Invalid(e.problems().stream().limit(3).map(ConfigProblem::toString)
                    .collect(Collectors.joining("; ")));
        }
        if (matchers.isEmpty()) {
            // Empty matchers would mute every alert: possible from the config file, never over the API.
            throw new Invalid("a silence must have at least one matcher (matchers)");
        }
        nonEmpty("kind", matchers.kind());
        nonEmpty("condition", matchers.condition());
        nonEmpty("status", matchers.status());
        nonEmpty("account_id", matchers.accountId());
        nonEmpty("region", matchers.region());
        nonEmpty("name", matchers.name());
        return matchers;
    }

    private static void nonEmpty(String field, List<String> values) throws Invalid {
        if (values.stream().anyMatch(value -> value == null || value.isEmpty())) {
            throw new Invalid("matchers." + field + " must not contain empty values");
        }
    }

    private static Instant instant(JsonNode root, String field) throws Invalid {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new Invalid(field + " must be an ISO-8601 instant such as 2025-03-03T09:30:00Z");
        }
        Instant instant;
        try {
            instant = Instant.parse(node.textValue());
        } catch (DateTimeParseException e) {
            throw new Invalid(field + " must be an ISO-8601 instant such as 2025-03-03T09:30:00Z");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            // the databases' timestamp ranges differ; these years fit all of them
            throw new Invalid(field + " must be between years 1970 and 9999");
        }
        return instant;
    }

    private static String text(JsonNode root, String field, int max) throws Invalid {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isTextual()) {
            throw new Invalid(field + " must be a string");
        }
        String value = node.textValue();
        if (value.length() > max) {
            throw new Invalid(field + " must be at most " + max + " characters, got " + value.length());
        }
        return value;
    }

    /** Echoes of the client's input stay short. */
    private static String shorten(String s) {
        return s == null ? "" : s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
