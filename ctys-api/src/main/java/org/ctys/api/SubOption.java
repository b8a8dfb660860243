package org.ctys.api;

import java.util.Objects;
import java.util.Optional;

/**
 * One decoded sub-option of an action, such as {@code l:label} or the flag {@code reuse}.
 *
 * @param key the key as written (matched case-insensitively), never {@code null}
 * @param value the decoded value, or {@code null} for a flag without a value
 * @since 0.1
 */
public record SubOption(String key, String value) {

    /**
     * Validates.
     *
     * @param key the key as written (matched case-insensitively), never {@code null}
     * @param value the decoded value, or {@code null} for a flag without a value
     */
    public SubOption {
        Objects.requireNonNull(key, "key");
    }

    /**
     * Returns the value, empty for a flag.
     *
     * @return the value, empty for a flag
     */
    public Optional<String> optionalValue() {
        return Optional.ofNullable(value);
    }

    /**
     * Returns whether this sub-option has that key, ignoring case.
     *
     * @param name a key, any case
     * @return whether this sub-option has that key, ignoring case
     */
    public boolean is(String name) {
        return key.equalsIgnoreCase(name);
    }
}
