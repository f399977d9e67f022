package io.integrationmonitor.config;

/** Log output: {@code text} for people, {@code json} (one object per line) for log pipelines. */
public record LoggingConfig(Format format, String level) {
    public enum Format { TEXT, JSON }

    public LoggingConfig {
        format = format == null ? Format.TEXT : format;
        level = level == null ? "INFO" : level.toUpperCase(java.util.Locale.ROOT);
        if (!java.util.Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR").contains(level)) {
            throw KeyProblem.at("level", "must be one of TRACE, DEBUG, INFO, WARN, ERROR").got(level).exception();
        }
    }

    public static LoggingConfig defaults() {
        return new LoggingConfig(null, null);
    }
}
