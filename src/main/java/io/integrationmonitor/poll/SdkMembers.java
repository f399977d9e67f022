package io.integrationmonitor.poll;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The list members the integration listings share, {@code Errors} ({@code ErrorCode}, {@code ErrorMessage})
 * and {@code Tags} ({@code Key}, {@code Value}): one mapping, whatever service's SDK type carries them. A null
 * entry, or a tag without a key, is skipped; a missing code, message or value reads as empty.
 */
final class SdkMembers {
    private SdkMembers() {
    }

    static <T> List<ResourceError> errors(List<T> errors, Function<T, String> code, Function<T, String> message) {
        List<ResourceError> mapped = new ArrayList<>();
        for (T error : errors) {
            if (error != null) {
                mapped.add(ResourceError.of(code.apply(error), message.apply(error)));
            }
        }
        return mapped;
    }

    static <T> Map<String, String> tags(List<T> tags, Function<T, String> key, Function<T, String> value) {
        Map<String, String> mapped = new HashMap<>();
        for (T tag : tags) {
            if (tag != null && key.apply(tag) != null) {
                mapped.put(key.apply(tag), Required.orEmpty(value.apply(tag)));
            }
        }
        return mapped;
    }
}
