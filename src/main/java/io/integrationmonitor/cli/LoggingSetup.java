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
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(config.level(), Level.INFO));
        if (config.format() != LoggingConfig.Format.JSON) {
            return;
        }
        Appender<ILoggingEvent> old = root.getAppender("STDOUT");
        if (old == null) {
            return;
        }
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.setWithMessage(false);
        encoder.start();
        ConsoleAppender<ILoggingEvent> json = new ConsoleAppender<>();
        json.setContext(context);
        json.setName("STDOUT");
        json.setEncoder(encoder);
        json.start();
        root.detachAppender(old);
        old.stop();
        root.addAppender(json);
    }
}
