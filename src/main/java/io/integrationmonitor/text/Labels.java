package io.integrationmonitor.text;

import java.util.Optional;

/**
 * The one lookup of an enum constant by its bounded label: the spelling used in metric labels, configuration,
 * JSON and database columns. Enums with a label implement {@link Labelled}.
 */
public final class Labels {
    private Labels() {
    }

    /** An enum constant with a label of its own, distinct from its Java name. */
    public interface Labelled {
        String label();
    }

    /** The constant of {@code type} whose label is {@code label}, if any. */
    public static <E extends Enum<E> & Labelled> Optional<E> find(Class<E> type, String label) {
        for (E constant : type.getEnumConstants()) {
            if (constant.label().equals(label)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }

    /**
     * The constant of {@code type} whose label is {@code label}.
     *
     * @param what names the vocabulary in the error, e.g. {@code condition}
     * @throws IllegalArgumentException {@code unknown <what> '<label>'}
     */
    public static <E extends Enum<E> & Labelled> E of(Class<E> type, String label, String what) {
        return find(type, label).orElseThrow(() -> new IllegalArgumentException("unknown " + what + " '" + label + "'"));
    }
}
