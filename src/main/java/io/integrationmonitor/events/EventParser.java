package io.integrationmonitor.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses the body of an SQS message that an EventBridge rule delivered into an {@link EventEnvelope}, strictly
 * and without ever throwing: every body maps to a {@link ParseResult}.
 *
 * <h2>What AWS documents (read 2026-12-02)</h2>
 * <ul>
 *   <li><b>Envelope.</b> Every event has {@code version}, {@code id}, {@code detail-type}, {@code source},
 *       {@code account}, {@code time}, {@code region}, {@code resources} (ARNs, possibly empty) and {@code detail}
 *       (an object, possibly {@code {}}): EventBridge User Guide, "Event structure reference",
 *       https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html and
 *       https://docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html. An SQS target receives
 *       the event JSON as the message body (no input transformer assumed). An event is at most 256 KB
 *       (PutEvents entry limit), hence {@link #MAX_BODY_BYTES}.</li>
 *   <li><b>Glue zero-ETL.</b> AWS Glue Developer Guide, "Monitoring an integration", section "Managing event
 *       notifications with Amazon EventBridge",
 *       https://docs.aws.amazon.com/glue/latest/dg/zero-etl-monitoring.html: source prefix
 *       {@code aws.glue-zero-etl}; detail types {@code AWS Glue Zero ETL Ingestion Completed}, {@code ... Ingestion
 *       Failed}, {@code ... Ingestion In Progress} (per entity, i.e. table), {@code ... Integration Resynced},
 *       {@code ... Integration Failed}, {@code ... Integration Needs Attention}. The page's own rule pattern uses
 *       the detail-type prefix {@code "Glue Zero ETL"}, which does not match the {@code "AWS Glue Zero ETL ..."}
 *       names in its table: both spellings are accepted here, and the deploy rule should match on source only.
 *       <b>The page gives no example event and no detail fields.</b> The detail fields read by
 *       {@link IntegrationEvents} ({@code integrationArn}, {@code tableName}, {@code errorMessage},
 *       {@code error_code}, also nested under {@code details}) are an ASSUMPTION taken from the CloudWatch log
 *       messages documented on the same page ({@code IngestionFailed}: {@code details.tableName},
 *       {@code details.errorMessage}, {@code details.error_code}); the integration ARN is taken from
 *       {@code resources} first. To be confirmed against a real event.</li>
 *   <li><b>Redshift.</b> Amazon Redshift Management Guide, "Zero-ETL integration event notifications with
 *       Amazon EventBridge", https://docs.aws.amazon.com/redshift/latest/mgmt/integration-event-notifications.html:
 *       event ids {@code REDSHIFT-INTEGRATION-EVENT-0000} ... (created/ACTIVE, deleted, deletion started,
 *       syncing, tables without primary key, unsupported types, creation failed, internal failure, authorization
 *       revoked, ...), with a severity and category. EventBridge events reference, "Amazon Redshift events",
 *       https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-redshift.html: source {@code aws.redshift},
 *       detail types {@code Redshift Integration Monitoring}, {@code Redshift Integration Configuration},
 *       {@code Redshift Integration Operation}, delivery "durable". <b>Neither page gives the detail fields</b>:
 *       classification uses only the detail type and the integration ARN in {@code resources}.</li>
 *   <li><b>RDS.</b> Amazon RDS User Guide, "Viewing and monitoring Amazon RDS zero-ETL integrations",
 *       https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/zero-etl.describingmonitoring.html: its
 *       EventBridge section is "Monitoring integrations with Amazon EventBridge for Amazon Redshift", i.e. the
 *       events of an RDS zero-ETL integration are Redshift's ({@code aws.redshift}). No {@code aws.rds} event
 *       for integrations was found, so {@code aws.rds} is not an accepted source.</li>
 * </ul>
 *
 * <p>Limits: the body's UTF-8 size, then Jackson's {@link StreamReadConstraints} (depth, string, name and number
 * lengths, tokens), duplicate members rejected, nothing after the value. Unknown envelope members (e.g.
 * {@code replay-name}) are allowed: EventBridge may add some.
 */
final class EventParser {
    /** EventBridge's maximum event size (256 KB), which also fits SQS's message size. */
    static final int MAX_BODY_BYTES = 256 * 1024;
    static final int MAX_DEPTH = 32;
    static final int MAX_RESOURCES = 100;
    /** Envelope strings: ids, sources, detail types, regions are short; ARNs are at most 2048 characters. */
    private static final int MAX_ENVELOPE_TEXT = 2048;

    static final Set<String> ENVELOPE_FIELDS =
            Set.of("id", "source", "detail-type", "account", "region", "time", "resources", "detail");

    /** The sources an EventBridge rule of this monitor sends (see the class comment). */
    static final String GLUE_SOURCE = "aws.glue-zero-etl";
    static final String REDSHIFT_SOURCE = "aws.redshift";

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    private final ObjectMapper mapper;

    EventParser() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(MAX_BODY_BYTES)
                        .maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(64 * 1024)
                        .maxNameLength(256)
                        .maxNumberLength(64)
                        .maxTokenCount(50_000)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** Never throws: a body that cannot be used is a {@link ParseResult.Failure}. */
    ParseResult parse(String body) {
        if (body == null) {
            return fail(ParseResult.Kind.NOT_JSON, null);
        }
        if (body.length() > MAX_BODY_BYTES || body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            return fail(ParseResult.Kind.TOO_LARGE, null);
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (StreamConstraintsException e) {
            return fail(ParseResult.Kind.LIMITS_EXCEEDED, null);
        } catch (JsonProcessingException | RuntimeException e) {
            return fail(ParseResult.Kind.NOT_JSON, null);
        }
        if (root == null || root.isMissingNode()) {
            return fail(ParseResult.Kind.NOT_JSON, null);
        }
        if (!root.isObject() || (!root.has("source") && !root.has("detail-type"))) {
            return fail(ParseResult.Kind.NOT_EVENTBRIDGE, null);
        }
        return envelope(root);
    }

    private static ParseResult envelope(JsonNode root) {
        List<ParseResult.Failure> failures = new ArrayList<>();
        String id = text(root, "id", failures);
        String source = text(root, "source", failures);
        String detailType = text(root, "detail-type", failures);
        String account = text(root, "account", failures);
        String region = text(root, "region", failures);
        String timeText = text(root, "time", failures);
        List<String> resources = resources(root, failures);
        JsonNode detail = root.get("detail");
        if (detail == null || detail.isNull()) {
            failures.add(new ParseResult.Failure(ParseResult.Kind.MISSING_FIELD, "detail"));
        } else if (!detail.isObject()) {
            failures.add(new ParseResult.Failure(ParseResult.Kind.WRONG_TYPE, "detail"));
        }
        if (!failures.isEmpty()) {
            return failures.get(0);
        }
        if (id.isBlank()) {
            return fail(ParseResult.Kind.INVALID_FIELD, "id");
        }
        if (!ACCOUNT.matcher(account).matches()) {
            return fail(ParseResult.Kind.INVALID_FIELD, "account");
        }
        if (!REGION.matcher(region).matches()) {
            return fail(ParseResult.Kind.INVALID_FIELD, "region");
        }
        Instant time;
        try {
            time = OffsetDateTime.parse(timeText).toInstant();
        } catch (DateTimeParseException e) {
            return fail(ParseResult.Kind.INVALID_FIELD, "time");
        }
        if (!isKnownSource(source)) {
            return fail(ParseResult.Kind.UNKNOWN_SOURCE, "source");
        }
        return new ParseResult.Parsed(
                new EventEnvelope(id, source, detailType, account, region, time, resources, detail));
    }

    /** Glue's rule pattern is a prefix on {@code aws.glue-zero-etl}; Redshift's source is exact. */
    private static boolean isKnownSource(String source) {
        return source.equals(REDSHIFT_SOURCE) || source.startsWith(GLUE_SOURCE);
    }

    private static String text(JsonNode root, String field, List<ParseResult.Failure> failures) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            failures.add(new ParseResult.Failure(ParseResult.Kind.MISSING_FIELD, field));
            return null;
        }
        if (!node.isTextual()) {
            failures.add(new ParseResult.Failure(ParseResult.Kind.WRONG_TYPE, field));
            return null;
        }
        if (node.textValue().length() > MAX_ENVELOPE_TEXT) {
            failures.add(new ParseResult.Failure(ParseResult.Kind.LIMITS_EXCEEDED, field));
            return null;
        }
        return node.textValue();
    }

    private static List<String> resources(JsonNode root, List<ParseResult.Failure> failures) {
        JsonNode node = root.get("resources");
        if (node == null || node.isNull()) {
            failures.add(new ParseResult.Failure(ParseResult.Kind.MISSING_FIELD, "resources"));
            return List.of();
        }
        if (!node.isArray()) {
            failures.add(new ParseResult.Failure(ParseResult.Kind.WRONG_TYPE, "resources"));
            return List.of();
        }
        if (node.size() > MAX_RESOURCES) {
            failures.add(new ParseResult.Failure(ParseResult.Kind.LIMITS_EXCEEDED, "resources"));
            return List.of();
        }
        List<String> arns = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                failures.add(new ParseResult.Failure(ParseResult.Kind.WRONG_TYPE, "resources"));
                return List.of();
            }
            if (item.textValue().length() > MAX_ENVELOPE_TEXT) {
                failures.add(new ParseResult.Failure(ParseResult.Kind.LIMITS_EXCEEDED, "resources"));
                return List.of();
            }
            arns.add(item.textValue());
        }
        return arns;
    }

    private static ParseResult.Failure fail(ParseResult.Kind kind, String field) {
        return new ParseResult.Failure(kind, field);
    }
}
