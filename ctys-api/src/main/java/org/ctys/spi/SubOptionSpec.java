package org.ctys.spi;

import java.util.Objects;

/**
 * One sub-option an action accepts, as its synopsis declares it: {@code b:<bridge>} is the key {@code b} with a
 * value, {@code f} a flag. Core refuses a sub-option no spec of the action names, a value given to a flag, a missing
 * value, a missing required sub-option, a value not of its {@link ValueKind} and a repeat of a sub-option that is not
 * repeatable, once per run, before the action runs anywhere; the plugin checks what the values mean on a target.
 *
 * @param key the key, matched case-insensitively; never {@code null}
 * @param value how the synopsis names the value, e.g. {@code <bridge>}, or {@code null} for a flag
 * @param required whether the action needs it (it stands outside brackets in the synopsis)
 * @param kind what its value must be ({@link ValueKind#ANY} unless the action declares more), {@code null} for a flag
 * @param repeatable whether it may be given more than once
 * @since 0.1
 */
public record SubOptionSpec(String key, String value, boolean required, ValueKind kind, boolean repeatable) {

    /**
     * Validates; a flag has no kind, a sub-option with a value has one.
     *
     * @param key the key, matched case-insensitively; never {@code null}
     * @param value how the synopsis names the value, or {@code null} for a flag
     * @param required whether the action needs it
     * @param kind what its value must be, {@code null} for a flag ({@link ValueKind#ANY} when left {@code null} for a
     *     sub-option with a value)
     * @param repeatable whether it may be given more than once
     */
    public SubOptionSpec {
        Objects.requireNonNull(key, "key");
        if (value == null && kind != null) {
            throw new IllegalArgumentException("the flag " + key + " takes no value, so it has no value kind");
        }
        kind = value == null ? null : kind == null ? ValueKind.ANY : kind;
    }

    /**
     * A sub-option of any value that may repeat, as a synopsis alone declares it.
     *
     * @param key the key, matched case-insensitively; never {@code null}
     * @param value how the synopsis names the value, e.g. {@code <bridge>}, or {@code null} for a flag
     * @param required whether the action needs it
     */
    public SubOptionSpec(String key, String value, boolean required) {
        this(key, value, required, null, true);
    }

    /**
     * Returns whether the sub-option is a flag, given without a value.
     *
     * @return whether the sub-option is a flag, given without a value
     */
    public boolean isFlag() {
        return value == null;
    }

    /**
     * Returns the sub-option as the synopsis writes it, e.g. {@code b:<bridge>} or {@code f}.
     *
     * @return the sub-option as the synopsis writes it
     */
    @Override
    public String toString() {
        return value == null ? key : key + ":" + value;
    }
}
