package io.integrationmonitor.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The YAML keys of a config record, as {@link ConfigMapper} binds them. */
final class RecordKeys {
    private RecordKeys() {
    }

    /** The record's components by key, in declaration order (the order messages list them in). */
    static Map<String, RecordComponent> of(Class<?> record) {
        Map<String, RecordComponent> byKey = new LinkedHashMap<>();
        for (RecordComponent component : record.getRecordComponents()) {
            byKey.put(keyOf(component), component);
        }
        return byKey;
    }

    /** The YAML key of a record component: its {@code @JsonProperty} name, else the snake_case form of its name. */
    static String keyOf(RecordComponent component) {
        JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
        if (renamed != null && !renamed.value().isEmpty()) {
            return renamed.value();
        }
        return ((PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE)
                .translate(component.getName());
    }

    /** A scalar where a list is expected is one item, for components that opt in with Jackson's annotation. */
    static JsonNode singleValueAsList(RecordComponent component, JsonNode value) {
        JsonFormat format = component.getAccessor().getAnnotation(JsonFormat.class);
        boolean accepts = format != null
                && Arrays.asList(format.with()).contains(JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        if (accepts && value.isValueNode() && Collection.class.isAssignableFrom(component.getType())) {
            return JsonNodeFactory.instance.arrayNode().add(value);
        }
        return value;
    }
}
