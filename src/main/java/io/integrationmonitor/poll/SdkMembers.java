package io.integrationmonitor.poll;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the list members every service models its own way (Glue's and Redshift's {@code IntegrationError} and
 * {@code Tag} are different SDK classes of the same shape): null entries skipped, null strings as empty.
 */
final class SdkMembers {
    private SdkMembers() {
    }

    /** {@code Errors}: each {@code ErrorCode}, {@code ErrorMessage}. */
    static <E> List<ResourceError> errors(List<E> errors, Function<E, String> code, Function<E, String> message) {
        List<ResourceError> mapped = new ArrayList<>();
        for (E error : errors) {
            if (error != null) {
                mapped.add(ResourceError.of(code.apply(error), message.apply(error)));
            }
        }
        return mapped;
    }

    /** {@code Tags}: key to value; a tag without a key is left out. */
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
