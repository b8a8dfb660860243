package org.ctys.addressing;

import java.util.List;

/**
 * The text of a group or macro definition file and where it came from.
 *
 * @param name the name it was asked for, e.g. {@code desktops/tst/ctys-lab}
 * @param location where it was found, e.g. a file path; used in error messages as {@code location:line}
 * @param lines its lines
 * @since 0.1
 */
public record SourceText(String name, String location, List<String> lines) {

    /** Copies. */
    public SourceText {
        lines = List.copyOf(lines);
    }
}
