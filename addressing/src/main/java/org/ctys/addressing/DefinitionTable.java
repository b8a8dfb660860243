package org.ctys.addressing;

import java.util.Optional;

/**
 * Where group and macro definitions come from: core backs it with files along {@code CTYS_GROUPS_PATH} and
 * {@code CTYS_MACRO_PATH}; tests with maps. One table serves one kind of definition.
 *
 * @since 0.1
 */
public interface DefinitionTable {

    /**
     * @param name a group name (a relative path without {@code .} or {@code ..} parts), or a macro file name
     * @return its text, or empty when there is none
     */
    Optional<SourceText> find(String name);

    /** @return where definitions are looked for, for error messages */
    String searchPath();

    /** A table without definitions. */
    DefinitionTable NONE = new DefinitionTable() {
        @Override
        public Optional<SourceText> find(String name) {
            return Optional.empty();
        }

        @Override
        public String searchPath() {
            return "(no directories)";
        }
    };
}
