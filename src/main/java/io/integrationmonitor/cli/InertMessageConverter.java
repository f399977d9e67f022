package io.integrationmonitor.cli;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.integrationmonitor.text.InertText;

/**
 * {@code %msg} for logback.xml: the formatted message with control and bidi characters escaped
 * ({@link InertText}), so a name from AWS holding a line break or U+202E can neither split a log line nor
 * reorder it. Registered for the conversion word {@code msg} itself, so no call site can forget it.
 */
public final class InertMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return InertText.escape(event.getFormattedMessage());
    }
}
