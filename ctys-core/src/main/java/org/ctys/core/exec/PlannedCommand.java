package org.ctys.core.exec;

import java.util.List;

/**
 * A command a dry run would have run on a target.
 *
 * @param line the exact command line, as the target's transport would start it
 * @param input what would have been fed to its standard input (a batch's lines), or {@code null} for none
 */
public record PlannedCommand(List<String> line, String input) {

    /** Copies. */
    public PlannedCommand {
        line = List.copyOf(line);
    }
}
