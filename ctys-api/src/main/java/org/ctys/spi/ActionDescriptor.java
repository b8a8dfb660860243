package org.ctys.spi;

import java.util.Locale;
import java.util.Objects;

/**
 * One action a plugin offers.
 *
 * @param name the action name in upper case, e.g. {@code CREATE}; never {@code null}
 * @param synopsis how to call it, e.g. {@code create[=l:<label>][,b:<bridge>]}; never {@code null}
 * @param summary one line saying what it does, never {@code null}
 * @since 0.1
 */
public record ActionDescriptor(String name, String synopsis, String summary) {

    /**
     * Validates and upper-cases the name.
     *
     * @param name the action name in upper case, e.g. {@code CREATE}; never {@code null}
     * @param synopsis how to call it, e.g. {@code create[=l:<label>][,b:<bridge>]}; never {@code null}
     * @param summary one line saying what it does, never {@code null}
     */
    public ActionDescriptor {
        name = Objects.requireNonNull(name, "name").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(synopsis, "synopsis");
        Objects.requireNonNull(summary, "summary");
    }
}
