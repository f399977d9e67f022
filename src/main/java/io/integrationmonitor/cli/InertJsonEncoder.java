package io.integrationmonitor.cli;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.encoder.JsonEscapeUtil;
import io.integrationmonitor.text.InertText;
import org.slf4j.event.KeyValuePair;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

/**
 * Logback's {@link JsonEncoder} shaped for log pipelines, and inert like the text format:
 * <ul>
 *   <li>{@code timestamp} is ISO-8601 in UTC with milliseconds ({@code 2025-03-03T08:42:00.123Z}), not
 *       epoch milliseconds;</li>
 *   <li>the SLF4J key-value pairs of a line ({@code log.atInfo().addKeyValue("arn", arn)}) are top-level
 *       keys, so a pipeline can filter on {@code arn} without parsing the message (Logback would nest them
 *       in a {@code kvpList} array of one-key objects);</li>
 *   <li>{@code formattedMessage}, string values of the key-value pairs and the exception messages in
 *       {@code throwable} go through {@link InertText}: JSON escaping alone keeps a line break off the line,
 *       but a viewer decoding the field would show it again, and it leaves bidi controls raw.</li>
 * </ul>
 * {@code formattedMessage} is written by {@link #appendCustomFields}, i.e. last.
 */
final class InertJsonEncoder extends JsonEncoder {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);
    /** The encoder's own keys: a key-value pair of the same name is written with a prefix instead. */
    private static final Set<String> RESERVED = Set.of(TIMESTAMP_ATTR_NAME, LEVEL_ATTR_NAME, THREAD_NAME_ATTR_NAME,
            LOGGER_ATTR_NAME, MARKERS_ATTR_NAME, MDC_ATTR_NAME, KEY_VALUE_PAIRS_ATTR_NAME, MESSAGE_ATTR_NAME,
            FORMATTED_MESSAGE_ATTR_NAME, ARGUMENT_ARRAY_ATTR_NAME, THROWABLE_ATTR_NAME, SEQUENCE_NUMBER_ATTR_NAME,
            NANOSECONDS_ATTR_NAME, CONTEXT_ATTR_NAME);
    private static final String RESERVED_PREFIX = "kv_";

    InertJsonEncoder() {
        setWithFormattedMessage(false);
        // the monitor sets no MDC; its fields are key-value pairs, written below
        setWithMDC(false);
    }

    /** The base class writes the timestamp through here, first: as ISO-8601 instead of a number. */
    @Override
    protected void appenderMemberWithLongValue(StringBuilder sb, String attributeName, long value) {
        if (TIMESTAMP_ATTR_NAME.equals(attributeName)) {
            appenderMember(sb, attributeName, TIMESTAMP.format(Instant.ofEpochMilli(value)));
        } else {
            super.appenderMemberWithLongValue(sb, attributeName, value);
        }
    }

    @Override
    protected void appendKeyValuePairs(StringBuilder sb, ILoggingEvent event) {
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs == null) {
            return;
        }
        for (KeyValuePair pair : pairs) {
            if (pair == null || pair.key == null) {
                continue;
            }
            String key = RESERVED.contains(pair.key) ? RESERVED_PREFIX + pair.key : pair.key;
            sb.append(VALUE_SEPARATOR).append(QUOTE).append(JsonEscapeUtil.jsonEscapeString(key)).append(QUOTE_COL);
            if (pair.value instanceof Number || pair.value instanceof Boolean) {
                sb.append(pair.value);
            } else if (pair.value == null) {
                sb.append("null");
            } else {
                sb.append(QUOTE).append(inert(String.valueOf(pair.value))).append(QUOTE);
            }
        }
    }

    @Override
    protected void appendThrowableProxy(StringBuilder sb, String attributeName, IThrowableProxy tp) {
        super.appendThrowableProxy(sb, attributeName, InertThrowableProxy.of(tp));
    }

    @Override
    protected void appendCustomFields(StringBuilder sb, ILoggingEvent event) {
        sb.append(VALUE_SEPARATOR);
        appenderMember(sb, FORMATTED_MESSAGE_ATTR_NAME, inert(String.valueOf(event.getFormattedMessage())));
    }

    private static String inert(String text) {
        return JsonEscapeUtil.jsonEscapeString(InertText.escape(text));
    }
}
