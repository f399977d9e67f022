package io.integrationmonitor.alert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.integrationmonitor.config.AlertingConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code alerting} section of a monitor YAML file, strictly (unknown keys are errors). Durations
 * accept {@code 90s}, {@code 5m}, {@code 4h}, {@code 1d}, {@code 1h30m}, {@code 500ms} or ISO-8601.
 * Used by {@code test-alert}; the daemon reads the whole file through the config package.
 */
public final class AlertingConfigReader {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final ObjectMapper yaml;

    public AlertingConfigReader() {
        SimpleModule durations = new SimpleModule().addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                return parseDuration(p.getValueAsString());
            }
        });
        this.yaml = new ObjectMapper(new YAMLFactory())
                .registerModule(new JavaTimeModule())
                .registerModule(durations)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public AlertingConfig read(Path file) throws IOException {
        JsonNode root = yaml.readTree(file.toFile());
        JsonNode alerting = root == null ? null : root.get("alerting");
        return alerting == null || alerting.isNull() ? AlertingConfig.defaults() : yaml.treeToValue(alerting, AlertingConfig.class);
    }

    public AlertingConfig read(String yamlText) throws IOException {
        JsonNode root = yaml.readTree(yamlText);
        JsonNode alerting = root == null ? null : root.get("alerting");
        return alerting == null || alerting.isNull() ? AlertingConfig.defaults() : yaml.treeToValue(alerting, AlertingConfig.class);
    }

    static Duration parseDuration(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("p")) {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        }
        Matcher m = PART.matcher(s);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            end = m.end();
        }
        if (end == 0 || end != s.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 90s, 5m, 4h, 1d)");
        }
        return total;
    }
}
