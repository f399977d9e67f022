package io.integrationmonitor.cli;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.encoder.JsonEscapeUtil;
import io.integrationmonitor.text.InertText;

/**
 * Logback's {@link JsonEncoder} with {@code formattedMessage} made inert like the text format's: JSON
 * escaping alone keeps a line break off the line, but a viewer decoding the field would show it again, and
 * it leaves bidi controls raw. The field is written by {@link #appendCustomFields}, i.e. last. Exception
 * messages in {@code throwable} are made inert too.
 */
final class InertJsonEncoder extends JsonEncoder {
    InertJsonEncoder() {
        setWithFormattedMessage(false);
    }

    @Override
    protected void appendThrowableProxy(StringBuilder sb, String attributeName, IThrowableProxy tp) {
        super.appendThrowableProxy(sb, attributeName, InertThrowableProxy.of(tp));
    }

    @Override
    protected void appendCustomFields(StringBuilder sb, ILoggingEvent event) {
        sb.append(VALUE_SEPARATOR);
        appenderMember(sb, FORMATTED_MESSAGE_ATTR_NAME,
                JsonEscapeUtil.jsonEscapeString(InertText.escape(String.valueOf(event.getFormattedMessage()))));
    }
}
