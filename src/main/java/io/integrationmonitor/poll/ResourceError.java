package io.integrationmonitor.poll;

import java.util.Objects;

/** One entry of a Glue integration's {@code Errors} list, or an association's {@code StatusMessage}. */
public record ResourceError(String code, String message) {
    public ResourceError {
        code = code == null ? "" : code;
        message = message == null ? "" : message;
    }

    @Override
    public String toString() {
        return code.isEmpty() ? message : code + ": " + message;
    }

    public static ResourceError of(String code, String message) {
        return new ResourceError(Objects.requireNonNullElse(code, ""), message);
    }
}
