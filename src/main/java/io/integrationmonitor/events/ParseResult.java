package io.integrationmonitor.events;

import java.util.Locale;
import java.util.Objects;

/** What {@link EventParser} made of one SQS message body: an envelope, or a failure of a bounded kind. */
sealed interface ParseResult {

    /** The body is an EventBridge event from a source this monitor knows. */
    record Parsed(EventEnvelope envelope) implements ParseResult {
        public Parsed {
            Objects.requireNonNull(envelope, "envelope");
        }
    }

    /**
     * The body cannot be used. Both parts are bounded vocabularies (a metric label, a log-once key): never text
     * from the message itself.
     *
     * @param kind  what is wrong
     * @param field the envelope member at fault ({@code detail-type}, {@code time}...), or null
     */
    record Failure(Kind kind, String field) implements ParseResult {
        public Failure {
            Objects.requireNonNull(kind, "kind");
            if (field != null && !EventParser.ENVELOPE_FIELDS.contains(field)) {
                throw new IllegalArgumentException("not an envelope member: " + field);
            }
        }

        /** {@code missing_field: detail-type}, for a log line. */
        String reason() {
            return field == null ? kind.label() : kind.label() + ": " + field;
        }
    }

    /** Why a body was rejected; {@link #label()} is a metric label value. */
    enum Kind {
        /** Larger than an EventBridge event can be (256 KiB). */
        TOO_LARGE,
        /** Deeper, longer or with more tokens than the parser's stream limits allow. */
        LIMITS_EXCEEDED,
        /** Not one JSON value (or a JSON object with a duplicate member). */
        NOT_JSON,
        /** JSON, but not an EventBridge envelope (neither {@code source} nor {@code detail-type}). */
        NOT_EVENTBRIDGE,
        /** An envelope member is absent or null. */
        MISSING_FIELD,
        /** An envelope member has the wrong JSON type. */
        WRONG_TYPE,
        /** An envelope member has the right type but an impossible value (a bad time, a 5-digit account). */
        INVALID_FIELD,
        /** An EventBridge event, but from a source no rule of this monitor should send. */
        UNKNOWN_SOURCE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
