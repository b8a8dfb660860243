package org.ctys.addressing;

import java.util.List;
import java.util.Optional;

/**
 * Where group definitions come from: core backs it with files along {@code CTYS_GROUPS_PATH}; tests with maps.
 *
 * @since 0.1
 */
public interface GroupTable {

    /**
     * @param name a group name: a relative path without {@code .} or {@code ..} parts
     * @return its definition, or empty when there is no such group
     */
    Optional<SourceText> find(String name);

    /** @return where groups are looked for, for error messages */
    String searchPath();

    /** A table without groups. */
    GroupTable NONE = new GroupTable() {
        @Override
        public Optional<SourceText> find(String name) {
            return Optional.empty();
        }

        @Override
        public String searchPath() {
            return "(no group directories)";
        }
    };
}
