package io.integrationmonitor.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * The events logged to one Logback logger (and its children) while the capture is open. Either a
 * try-with-resources block, or a JUnit 5 extension on an instance field:
 *
 * <pre>{@code
 * @RegisterExtension
 * final LogCapture logs = LogCapture.of(EventBus.class).withLevel(Level.DEBUG);
 * }</pre>
 *
 * <p>It captures from construction until {@link #close()} (after each test), which detaches it and restores
 * every level it changed; a capture closed by an earlier test (a per-class test instance) starts afresh
 * before the next. Safe to read while other threads log:
 * every query returns a snapshot, and each event's message and thread are fixed when it is captured.
 */
public final class LogCapture implements AutoCloseable, BeforeEachCallback, AfterEachCallback {
    private final Logger logger;
    private final List<ILoggingEvent> events = new ArrayList<>();
    private final Map<Logger, Level> levels = new LinkedHashMap<>();
    private final Map<Logger, Level> levelsBefore = new LinkedHashMap<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            synchronized (events) {
                events.add(event);
            }
        }
    };

    private LogCapture(Logger logger) {
        this.logger = logger;
        appender.setContext(logger.getLoggerContext());
        appender.setName("log-capture");
        open();
    }

    /** What {@code type}'s logger logs. */
    public static LogCapture of(Class<?> type) {
        return of(type.getName());
    }

    /** What the logger named {@code name} and its children log. */
    public static LogCapture of(String name) {
        return new LogCapture((Logger) LoggerFactory.getLogger(name));
    }

    /** What every logger logs. */
    public static LogCapture root() {
        return of(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** Sets the captured logger's level until {@link #close()}. */
    public LogCapture withLevel(Level level) {
        return withLevel(logger.getName(), level);
    }

    /**
     * Sets the level of the logger named {@code name} until {@link #close()}: with {@link #root()}, to make
     * sure lines below the configured level are logged (a command run earlier in the JVM may have raised it).
     */
    public synchronized LogCapture withLevel(String name, Level level) {
        Logger target = (Logger) LoggerFactory.getLogger(name);
        levels.put(target, level);
        if (appender.isStarted()) {
            apply(target, level);
        }
        return this;
    }

    /** Every event captured so far, oldest first. */
    public List<ILoggingEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The events at {@code level} exactly. */
    public List<ILoggingEvent> at(Level level) {
        return events().stream().filter(e -> e.getLevel() == level).toList();
    }

    /** The events at {@code level} or above. */
    public List<ILoggingEvent> atLeast(Level level) {
        return events().stream().filter(e -> e.getLevel().isGreaterOrEqual(level)).toList();
    }

    /** The formatted message of every event, oldest first. */
    public List<String> messages() {
        return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** Each event's formatted message followed by its stack trace, if any: all the text a line can show. */
    public List<String> textsWithStackTraces() {
        return events().stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()))).toList();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        open();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** Detaches the capture and restores the levels it changed; the events stay readable. */
    @Override
    public synchronized void close() {
        logger.detachAppender(appender);
        appender.stop();
        levelsBefore.forEach(Logger::setLevel);
        levelsBefore.clear();
    }

    private synchronized void open() {
        if (appender.isStarted()) {
            return;
        }
        synchronized (events) {
            events.clear();
        }
        levels.forEach(this::apply);
        appender.start();
        logger.addAppender(appender);
    }

    private void apply(Logger target, Level level) {
        levelsBefore.putIfAbsent(target, target.getLevel());
        target.setLevel(level);
    }
}
