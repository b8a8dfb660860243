package org.ctys.core.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ctys.api.UsageException;
import org.ctys.core.Invocation;
import org.ctys.core.dispatch.FanOut;
import org.ctys.core.exec.Escalation;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How an action is carried to its targets: default user, privilege, parallelism, deadlines, ssh configuration.
 *
 * @param user {@code -l}, or {@code null}
 * @param privilege {@code -Z}, or {@code null}
 * @param fanOut {@code --fanout}, or {@code null}
 * @param failFast {@code --fail-fast}
 * @param timeout {@code --timeout} in seconds, or {@code null}
 * @param sshConfig {@code --ssh-config}, or {@code null}
 */
record RunOptions(String user, String privilege, Integer fanOut, boolean failFast, Integer timeout,
                  Path sshConfig) {

    static final List<Option> OPTIONS = List.of(
            Option.value(String.class, "<user>", "Default remote user for targets without user@.", "-l"),
            Option.value(String.class, "<how>", "How commands that need root become root on a target: SUDO "
                    + "(sudo -n), KSU, or NONE (default; the login user must be root). A target's own -Z in its "
                    + "context options wins.", "-Z"),
            Option.value(Integer.class, "<n>", "How many targets are worked on at once (default: fanOut of the "
                    + "configuration, 64).", "--fanout"),
            Option.flag("Start no more targets after the first failure.", "--fail-fast"),
            Option.value(Integer.class, "<seconds>", "Deadline for each target; work past it is stopped on the "
                    + "target too.", "--timeout"),
            Option.value(Path.class, "<file>", "An ssh configuration to use instead of your own (ssh -F); beats "
                    + "CTYS_SSH_CONFIG and ssh.config.", "--ssh-config"));

    static void declare(CommandSpec spec) {
        Args.add(spec, OPTIONS);
    }

    static RunOptions of(Given given) {
        return new RunOptions(given.get("-l"), given.get("-Z"), given.get("--fanout"), given.on("--fail-fast"),
                given.get("--timeout"), given.get("--ssh-config"));
    }

    Escalation escalation() {
        return privilege == null ? Escalation.NONE : Escalation.parse(privilege);
    }

    FanOut.Limits limits(Invocation invocation) {
        if (fanOut != null && fanOut < 1) {
            throw new UsageException("--fanout must be at least 1, not " + fanOut);
        }
        if (timeout != null && timeout < 1) {
            throw new UsageException("--timeout must be at least 1 second, not " + timeout);
        }
        return new FanOut.Limits(fanOut != null ? fanOut : invocation.settings().fanOut(),
                timeout == null ? null : Duration.ofSeconds(timeout), failFast);
    }
}
