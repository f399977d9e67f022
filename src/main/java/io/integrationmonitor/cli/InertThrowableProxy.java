package io.integrationmonitor.cli;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import io.integrationmonitor.text.InertText;

/** A logged exception with its messages made inert ({@link InertText}), its causes and suppressed ones likewise. */
record InertThrowableProxy(IThrowableProxy raw, IThrowableProxy cause, IThrowableProxy[] suppressed)
        implements IThrowableProxy {
    static IThrowableProxy of(IThrowableProxy tp) {
        if (tp == null) {
            return null;
        }
        IThrowableProxy[] raw = tp.getSuppressed();
        IThrowableProxy[] suppressed = raw == null ? null : new IThrowableProxy[raw.length];
        for (int i = 0; raw != null && i < raw.length; i++) {
            suppressed[i] = of(raw[i]);
        }
        return new InertThrowableProxy(tp, of(tp.getCause()), suppressed);
    }

    @Override
    public String getOverridingMessage() {
        return InertText.escape(raw.getOverridingMessage());
    }

    @Override
    public String getMessage() {
        return InertText.escape(raw.getMessage());
    }

    @Override
    public String getClassName() {
        return raw.getClassName();
    }

    @Override
    public StackTraceElementProxy[] getStackTraceElementProxyArray() {
        return raw.getStackTraceElementProxyArray();
    }

    @Override
    public int getCommonFrames() {
        return raw.getCommonFrames();
    }

    @Override
    public IThrowableProxy getCause() {
        return cause;
    }

    @Override
    public IThrowableProxy[] getSuppressed() {
        return suppressed;
    }

    @Override
    public boolean isCyclic() {
        return raw.isCyclic();
    }
}
