package io.integrationmonitor.cli;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import io.integrationmonitor.text.InertText;

/**
 * {@code %ex} for logback.xml: the stack trace as usual, but each exception's message (which may quote AWS
 * text) made inert ({@link InertText}), so it can neither add lines of its own nor carry bidi controls.
 */
public final class InertThrowableConverter extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return super.throwableProxyToString(InertThrowableProxy.of(tp));
    }
}
