package org.ctys.addressing;

import java.util.Optional;

/**
 * Where macro files come from: core backs it with files along {@code CTYS_MACRO_PATH}; tests with maps.
 *
 * @since 0.1
 */
public interface MacroTable {

    /** The file used when a macro names none. */
    String DEFAULT_FILE = "default";

    /**
     * @param name {@value #DEFAULT_FILE}, or the file a macro names with {@code %<file>}
     * @return the file's text, or empty when there is none
     */
    Optional<SourceText> file(String name);

    /** @return where macro files are looked for, for error messages */
    String searchPath();

    /** A table without macro files. */
    MacroTable NONE = new MacroTable() {
        @Override
        public Optional<SourceText> file(String name) {
            return Optional.empty();
        }

        @Override
        public String searchPath() {
            return "(no macro directories)";
        }
    };
}
