package org.ctys.addressing;

import java.util.List;
import java.util.Objects;
import org.ctys.api.Target;

/**
 * A target after expansion, with where it came from.
 *
 * @param target the host, its user and port, and its options after precedence
 * @param origin the groups and macros it came through, outermost first; empty for a target written directly
 * @since 0.1
 */
public record ResolvedTarget(Target target, List<String> origin) {

    /** Validates and copies. */
    public ResolvedTarget {
        Objects.requireNonNull(target, "target");
        origin = List.copyOf(origin);
    }
}
