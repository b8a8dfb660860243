package org.ctys.spi;

import java.util.Objects;

/**
 * One sub-option an action accepts, as its synopsis declares it: {@code b:<bridge>} is the key {@code b} with a
 * value, {@code f} a flag. Core refuses a sub-option no spec of the action names, a value given to a flag, a missing
 * value and a missing required sub-option, before the action runs; the plugin checks what the values mean.
 *
 * @param key the key, matched case-insensitively; never {@code null}
 * @param value how the synopsis names the value, e.g. {@code <bridge>}, or {@code null} for a flag
 * @param required whether the action needs it (it stands outside brackets in the synopsis)
 * @since 0.1
 */
public record SubOptionSpec(String key, String value, boolean required) {

    /**
     * Validates.
     *
     * @param key the key, matched case-insensitively; never {@code null}
     * @param value how the synopsis names the value, e.g. {@code <bridge>}, or {@code null} for a flag
     * @param required whether the action needs it
     */
    public SubOptionSpec {
        Objects.requireNonNull(key, "key");
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
