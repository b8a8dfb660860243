package org.ctys.core.cli;

import java.nio.file.Path;
import java.time.Duration;
import org.ctys.core.Invocation;
import org.ctys.core.dispatch.FanOut;
import org.ctys.core.exec.Escalation;
import picocli.CommandLine.Option;

/** How an action is carried to its targets: default user, privilege, parallelism, deadlines, ssh configuration. */
final class RunOptions {

    @Option(names = "-l", paramLabel = "<user>", description = "Default remote user for targets without user@.")
    String user;

    @Option(names = "-Z", paramLabel = "<how>", description = "How commands that need root become root on a "
            + "target: SUDO (sudo -n), KSU, or NONE (default; the login user must be root). A target's own -Z in "
            + "its context options wins.")
    String privilege;

    @Option(names = "--fanout", paramLabel = "<n>", description = "How many targets are worked on at once "
            + "(default: fanOut of the configuration, 64).")
    Integer fanOut;

    @Option(names = "--fail-fast", description = "Start no more targets after the first failure.")
    boolean failFast;

    @Option(names = "--timeout", paramLabel = "<seconds>", description = "Deadline for each target; work past "
            + "it is stopped on the target too.")
    Integer timeout;

    @Option(names = "--ssh-config", paramLabel = "<file>", description = "An ssh configuration to use instead of "
            + "your own (ssh -F); beats CTYS_SSH_CONFIG and ssh.config.")
    Path sshConfig;

    Escalation escalation() {
        return privilege == null ? Escalation.NONE : Escalation.parse(privilege);
    }

    FanOut.Limits limits(Invocation invocation) {
        if (fanOut != null && fanOut < 1) {
            throw new org.ctys.api.UsageException("--fanout must be at least 1, not " + fanOut);
        }
        if (timeout != null && timeout < 1) {
            throw new org.ctys.api.UsageException("--timeout must be at least 1 second, not " + timeout);
        }
        if (sshConfig != null) {
            invocation.useSshConfig(sshConfig);
        }
        return new FanOut.Limits(fanOut != null ? fanOut : invocation.settings().fanOut(),
                timeout == null ? null : Duration.ofSeconds(timeout), failFast);
    }
}
