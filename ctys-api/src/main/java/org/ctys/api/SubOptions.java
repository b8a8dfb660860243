package org.ctys.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The decoded sub-options of an action ({@code -a create=l:vm1,b:br0}), in the order given. A key may repeat
 * ({@code cancel=l:a,l:b}); keys match case-insensitively, values keep their case.
 *
 * @param items the sub-options in command-line order, never {@code null}
 * @since 0.1
 */
public record SubOptions(List<SubOption> items) {

    /** No sub-options. */
    public static final SubOptions NONE = new SubOptions(List.of());

    /**
     * Copies.
     *
     * @param items the sub-options in command-line order, never {@code null}
     */
    public SubOptions {
        items = List.copyOf(items);
    }

    /**
     * Returns the value of the first sub-option with that key, empty if absent or a flag.
     *
     * @param key a key, any case
     * @return the value of the first sub-option with that key, empty if absent or a flag
     */
    public Optional<String> value(String key) {
        return items.stream().filter(o -> o.is(key)).map(SubOption::value).filter(Objects::nonNull).findFirst();
    }

    /**
     * Returns the values of every sub-option with that key, in order (flags are skipped).
     *
     * @param key a key, any case
     * @return the values of every sub-option with that key, in order (flags are skipped)
     */
    public List<String> values(String key) {
        return items.stream().filter(o -> o.is(key)).map(SubOption::value).filter(Objects::nonNull).toList();
    }

    /**
     * Returns whether a sub-option with that key is present, with or without a value.
     *
     * @param key a key, any case
     * @return whether a sub-option with that key is present, with or without a value
     */
    public boolean has(String key) {
        return items.stream().anyMatch(o -> o.is(key));
    }

    /**
     * Returns whether there are no sub-options.
     *
     * @return whether there are no sub-options
     */
    public boolean isEmpty() {
        return items.isEmpty();
    }
}
