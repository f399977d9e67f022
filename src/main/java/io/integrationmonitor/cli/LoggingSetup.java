package io.integrationmonitor.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import io.integrationmonitor.config.LoggingConfig;
import org.slf4j.LoggerFactory;

/** Applies {@code logging:} from the config on top of logback.xml: the root level and, for json, one object a line. */
final class LoggingSetup {
    private LoggingSetup() {
    }

    static void apply(LoggingConfig config) {
        apply(config, Level.toLevel(config.level(), Level.INFO), false);
    }

    /**
     * For commands whose standard output is their result: logs go to standard error, and below WARN only
     * when the config asks for a more verbose level than the default INFO.
     */
    static void applyForOneShot(LoggingConfig config) {
        Level configured = Level.toLevel(config.level(), Level.INFO);
        apply(config, configured.isGreaterOrEqual(Level.INFO) ? Level.WARN : configured, true);
    }

    private static void apply(LoggingConfig config, Level level, boolean toStderr) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        Appender<ILoggingEvent> old = root.getAppender("STDOUT");
        if (!(old instanceof ConsoleAppender<ILoggingEvent> console)) {
            return;
        }
        if (config.format() != LoggingConfig.Format.JSON) {
            if (toStderr) {
                console.stop();
                console.setTarget("System.err");
                console.start();
            }
            return;
        }
        JsonEncoder encoder = jsonEncoder(context);
        ConsoleAppender<ILoggingEvent> json = new ConsoleAppender<>();
        json.setContext(context);
        json.setName("STDOUT");
        json.setEncoder(encoder);
        if (toStderr) {
            json.setTarget("System.err");
        }
        json.start();
        root.detachAppender(old);
        old.stop();
        root.addAppender(json);
    }

    /** The encoder of {@code logging.format: json}: the formatted message only (inert), no raw arguments. */
    static JsonEncoder jsonEncoder(LoggerContext context) {
        JsonEncoder encoder = new InertJsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithArguments(false);
        encoder.setWithMessage(false);
        encoder.start();
        return encoder;
    }
}
