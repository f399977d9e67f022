package io.integrationmonitor.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

/**
 * The one Jackson mapper that binds configuration onto the config records, through their canonical
 * constructors: snake_case keys, unknown keys and duplicate keys refused, and no silent conversion between
 * kinds of values. The one convenience the README promises: an integer is accepted where text is expected
 * ({@code account_id: 123456789012}). A scalar becomes a one-item list only where a component says so
 * ({@code @JsonFormat(with = ACCEPT_SINGLE_VALUE_AS_ARRAY)}); an empty string is never null.
 *
 * <p>Values written as text (durations, URLs, paths, instants, times of day) are parsed by {@link #TEXT_TYPES},
 * whose failures carry a reason that never repeats the input: the binder shows the value itself, or hides it.
 */
final class ConfigMapper {
    /** A value type written as text in the file; {@code parse} throws IllegalArgumentException with a reason. */
    record TextType<T>(Class<T> type, String expected, String invalid, Function<String, T> parse) {
    }

    /** A text value that does not parse; {@link #reason()} never repeats the value. */
    static final class InvalidText extends JsonMappingException {
        private final String reason;

        InvalidText(JsonParser parser, String reason) {
            super(parser, reason);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    static final List<TextType<?>> TEXT_TYPES = List.of(
            new TextType<>(Duration.class, "a duration with a unit (" + Durations.EXAMPLES + ")", "invalid duration",
                    Durations::parse),
            new TextType<>(URI.class, "a URL", "invalid URL", ConfigMapper::uri),
            new TextType<>(Path.class, "a file path", "invalid path", ConfigMapper::path),
            new TextType<>(Instant.class, "an ISO-8601 instant such as 2025-03-03T09:30:00Z", "invalid instant",
                    text -> parsed(text, Instant::parse, "use an ISO-8601 instant such as 2025-03-03T09:30:00Z")),
            new TextType<>(LocalTime.class, "a time of day such as 09:30", "invalid time of day",
                    text -> parsed(text, LocalTime::parse, "use HH:mm, e.g. 09:30")));

    static final YAMLMapper MAPPER = build();

    private ConfigMapper() {
    }

    static TextType<?> textType(Class<?> type) {
        return TEXT_TYPES.stream().filter(textType -> textType.type() == type).findFirst().orElse(null);
    }

    private static YAMLMapper build() {
        SimpleModule textValues = new SimpleModule("config-text-values");
        TEXT_TYPES.forEach(textType -> register(textValues, textType));
        return YAMLMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addModule(textValues)
                .withCoercionConfigDefaults(config -> config
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setAcceptBlankAsEmpty(false))
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }

    private static <T> void register(SimpleModule module, TextType<T> textType) {
        module.addDeserializer(textType.type(), new StdScalarDeserializer<T>(textType.type()) {
            @Override
            @SuppressWarnings("unchecked") // handleUnexpectedToken returns a T or throws
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                if (parser.currentToken() != JsonToken.VALUE_STRING) {
                    return (T) context.handleUnexpectedToken(textType.type(), parser);
                }
                try {
                    return textType.parse().apply(parser.getText());
                } catch (IllegalArgumentException e) {
                    throw new InvalidText(parser, e.getMessage());
                }
            }
        });
    }

    private static URI uri(String text) {
        try {
            return new URI(text.strip());
        } catch (URISyntaxException e) {
            // getMessage() repeats the input, which may be a secret; the reason does not.
            throw new IllegalArgumentException(e.getReason());
        }
    }

    private static Path path(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(e.getReason());
        }
    }

    private static <T> T parsed(String text, Function<String, T> parse, String reason) {
        try {
            return parse.apply(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(reason);
        }
    }
}
