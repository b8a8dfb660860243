package org.ctys.core.exec;

import org.ctys.api.EnvironmentException;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandResult;
import org.ctys.api.exec.CommandRunner;
import org.ctys.api.exec.Privilege;

/** Runs commands on this machine as child processes, without a shell. */
public final class LocalCommandRunner implements CommandRunner {

    private final boolean root;

    /** @param root whether ctys runs as root, so that commands needing root can run as they are */
    public LocalCommandRunner(boolean root) {
        this.root = root;
    }

    @Override
    public CommandResult run(Command command) {
        if (command.privilege() == Privilege.ROOT && !root) {
            throw new EnvironmentException("'" + String.join(" ", command.argv()) + "' needs root, and ctys runs "
                    + "as an unprivileged user here; run it as root");
        }
        return ProcessRunner.run(command.argv(), command.stdin(), command.environment(), command.directory(),
                command.timeout());
    }
}
