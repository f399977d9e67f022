package io.integrationmonitor.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies a parsed envelope; a pure function of it. The detail types and where each value is read from are
 * those listed, with their sources, on {@link EventParser}: the detail-type strings are documented, the Glue
 * detail fields are assumed from the documented CloudWatch log format and marked as such there.
 */
final class IntegrationEvents {
    /**
     * Zero-ETL integration ARNs: {@code arn:aws:glue|rds|redshift:REGION:ACCOUNT:integration:ID}; Glue's docs show
     * both {@code integration:ID} and {@code integration/ID}, so both separators are accepted.
     */
    private static final Pattern INTEGRATION_ARN = Pattern.compile(
            "arn:aws[a-z-]*:(glue|rds|redshift):[a-z]{2}(?:-[a-z]+)+-\\d+:\\d{12}:integration[:/][A-Za-z0-9._-]{1,128}");
    private static final int MAX_TABLE_NAME = 1024;
    private static final int MAX_ERROR_CODE = 256;
    private static final int MAX_ERROR_MESSAGE = 2048;

    private static final String GLUE_PREFIX = "Glue Zero ETL ";
    private static final String REDSHIFT_INTEGRATION_PREFIX = "Redshift Integration ";

    private IntegrationEvents() {
    }

    static IntegrationEvent classify(EventEnvelope event) {
        if (event.source().startsWith(EventParser.GLUE_SOURCE)) {
            return glue(event);
        }
        if (event.source().equals(EventParser.REDSHIFT_SOURCE)) {
            return redshift(event);
        }
        return new IntegrationEvent.Ignored(IntegrationEvent.Reason.NOT_AN_INTEGRATION_EVENT);
    }

    private static IntegrationEvent glue(EventEnvelope event) {
        // The table says "AWS Glue Zero ETL ...", the page's rule pattern "Glue Zero ETL...": accept both.
        String type = event.detailType().startsWith("AWS ") ? event.detailType().substring(4) : event.detailType();
        if (!type.startsWith(GLUE_PREFIX)) {
            return new IntegrationEvent.Ignored(IntegrationEvent.Reason.UNKNOWN_DETAIL_TYPE);
        }
        String what = type.substring(GLUE_PREFIX.length());
        return switch (what) {
            case "Integration Resynced", "Integration Failed", "Integration Needs Attention" -> changed(event);
            case "Ingestion In Progress" -> new IntegrationEvent.Ignored(IntegrationEvent.Reason.INGESTION_IN_PROGRESS);
            case "Ingestion Failed", "Ingestion Completed" -> table(event, what.equals("Ingestion Failed"));
            default -> new IntegrationEvent.Ignored(IntegrationEvent.Reason.UNKNOWN_DETAIL_TYPE);
        };
    }

    /** Every Redshift integration event (REDSHIFT-INTEGRATION-EVENT-nnnn) is a reason to poll that integration. */
    private static IntegrationEvent redshift(EventEnvelope event) {
        if (!event.detailType().startsWith(REDSHIFT_INTEGRATION_PREFIX)) {
            return new IntegrationEvent.Ignored(IntegrationEvent.Reason.NOT_AN_INTEGRATION_EVENT);
        }
        return changed(event);
    }

    private static IntegrationEvent changed(EventEnvelope event) {
        Optional<Matcher> arn = integrationArn(event);
        if (arn.isEmpty()) {
            return new IntegrationEvent.Ignored(IntegrationEvent.Reason.NO_INTEGRATION_ARN);
        }
        return new IntegrationEvent.IntegrationChanged(arn.get().group(), IntegrationService.ofArnService(arn.get().group(1)));
    }

    private static IntegrationEvent table(EventEnvelope event, boolean failed) {
        Optional<Matcher> arn = integrationArn(event);
        if (arn.isEmpty()) {
            return new IntegrationEvent.Ignored(IntegrationEvent.Reason.NO_INTEGRATION_ARN);
        }
        JsonNode detail = event.detail();
        String table = detailText(detail, "tableName");
        if (table == null || table.isBlank() || table.length() > MAX_TABLE_NAME) {
            return new IntegrationEvent.Ignored(IntegrationEvent.Reason.NO_TABLE_NAME);
        }
        if (!failed) {
            return new IntegrationEvent.TableIngestionCompleted(arn.get().group(), table);
        }
        String code = firstOf(detailText(detail, "errorCode"), detailText(detail, "error_code"));
        String message = firstOf(detailText(detail, "errorMessage"), detailText(detail, "error_message"));
        return new IntegrationEvent.TableIngestionFailed(arn.get().group(), table,
                shortened(code, MAX_ERROR_CODE), shortened(message, MAX_ERROR_MESSAGE));
    }

    /** {@code resources} first (EventBridge's place for the ARNs involved), then {@code detail.integrationArn}. */
    private static Optional<Matcher> integrationArn(EventEnvelope event) {
        for (String resource : event.resources()) {
            Matcher m = INTEGRATION_ARN.matcher(resource);
            if (m.matches()) {
                return Optional.of(m);
            }
        }
        String fromDetail = detailText(event.detail(), "integrationArn");
        if (fromDetail != null) {
            Matcher m = INTEGRATION_ARN.matcher(fromDetail);
            if (m.matches()) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** A string member of the detail, or of its {@code details} object (the documented log format nests there). */
    private static String detailText(JsonNode detail, String name) {
        JsonNode direct = detail.get(name);
        if (direct != null && direct.isTextual()) {
            return direct.textValue();
        }
        JsonNode nested = detail.get("details");
        if (nested != null && nested.isObject()) {
            JsonNode inner = nested.get(name);
            if (inner != null && inner.isTextual()) {
                return inner.textValue();
            }
        }
        return null;
    }

    private static String firstOf(String a, String b) {
        return a != null ? a : b;
    }

    private static String shortened(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "...";
    }
}
