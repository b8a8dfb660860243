package org.ctys.spi;

import java.util.Objects;

/**
 * Something a plugin needs on every target it works on. Core checks all prerequisites of all plugins on a target
 * in one round trip and reports each missing one with the package that provides it.
 *
 * @param kind what sort of thing is needed
 * @param name a program name for {@link Kind#PROGRAM}, an absolute path otherwise; never {@code null}
 * @param providedBy how to get it, e.g. the Debian package {@code vde2}; never {@code null}
 * @param purpose one line saying what it is needed for, never {@code null}
 * @since 0.1
 */
public record Prerequisite(Kind kind, String name, String providedBy, String purpose) {

    /** The sorts of things a plugin may need. */
    public enum Kind {
        /** A program on the {@code PATH} or in {@code /usr/sbin} or {@code /sbin}. */
        PROGRAM,
        /** A file or directory that must exist. */
        FILE,
        /** A device node the login user must be able to open for reading and writing. */
        DEVICE
    }

    /**
     * Validates.
     *
     * @param kind what sort of thing is needed
     * @param name a program name for {@link Kind#PROGRAM}, an absolute path otherwise; never {@code null}
     * @param providedBy how to get it, e.g. the Debian package {@code vde2}; never {@code null}
     * @param purpose one line saying what it is needed for, never {@code null}
     */
    public Prerequisite {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(providedBy, "providedBy");
        Objects.requireNonNull(purpose, "purpose");
        if (!name.matches("[^\\s]+") || name.startsWith("-")) {
            throw new IllegalArgumentException("a prerequisite name has no white space and no leading '-': '"
                    + name + "'");
        }
        if (kind == Kind.PROGRAM ? name.contains("/") : !name.startsWith("/")) {
            throw new IllegalArgumentException(kind == Kind.PROGRAM
                    ? "a program prerequisite is a bare name, not '" + name + "'"
                    : "a file or device prerequisite is an absolute path, not '" + name + "'");
        }
    }

    /**
     * Returns a program prerequisite.
     *
     * @param program a program name, e.g. {@code vde_switch}
     * @param debianPackage the Debian package that provides it
     * @param purpose what it is needed for
     * @return a program prerequisite
     */
    public static Prerequisite program(String program, String debianPackage, String purpose) {
        return new Prerequisite(Kind.PROGRAM, program, debianPackage, purpose);
    }
}
