package org.ctys.spi;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One action a plugin offers. Its synopsis is also the declaration of its sub-options: {@code b:<bridge>} takes a
 * value, {@code f} is a flag, {@code a|b} are alternatives, and what stands in brackets is optional
 * ({@code create=l:<label>[,f:<file>]} needs {@code l}). Core refuses a command line the synopsis does not allow
 * before the action runs, so a plugin sees only declared keys; see {@link #subOptions()}.
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
     * @throws IllegalArgumentException if the synopsis cannot be read as a declaration of sub-options
     */
    public ActionDescriptor {
        name = Objects.requireNonNull(name, "name").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(synopsis, "synopsis");
        Objects.requireNonNull(summary, "summary");
        Synopsis.parse(name, synopsis);
    }

    /**
     * Returns the sub-options the synopsis declares, in its order.
     *
     * @return the sub-options the synopsis declares, in its order
     */
    public List<SubOptionSpec> subOptions() {
        return Synopsis.parse(name, synopsis);
    }
}
