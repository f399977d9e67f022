package io.integrationmonitor.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.integrationmonitor.poll.ResourceStatus;

import java.io.IOException;

/**
 * JSON of the records kept in payload columns. Unknown fields are ignored so old rows stay readable; a status
 * is stored as its label, and a label this version does not know reads as UNKNOWN (a row a newer version wrote).
 */
final class PayloadCodec {
    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule("statuses")
                    .addSerializer(ResourceStatus.class, new StdSerializer<>(ResourceStatus.class) {
                        @Override
                        public void serialize(ResourceStatus status, JsonGenerator json, SerializerProvider provider)
                                throws IOException {
                            json.writeString(status.label());
                        }
                    })
                    .addDeserializer(ResourceStatus.class, new StdDeserializer<>(ResourceStatus.class) {
                        @Override
                        public ResourceStatus deserialize(JsonParser json, DeserializationContext context)
                                throws IOException {
                            return ResourceStatus.ofLabel(json.getValueAsString());
                        }
                    }))
            .build();

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " payload is unreadable: "
                    + e.getOriginalMessage(), e);
        }
    }
}
