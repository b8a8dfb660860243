package org.ctys.core.exec;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.ctys.api.Target;
import org.ctys.api.exec.CommandRunner;
import org.ctys.core.config.Settings;

/**
 * How one command reaches its targets: directly for the local host, over ssh for the others, through connections
 * opened on first use and closed with this object. It is the mutable part of a run, kept apart from the run's
 * context so that the context can be shared freely.
 */
public final class Connections implements AutoCloseable {

    private final Settings settings;
    private final Path sshConfig;
    private final boolean multiplex;
    private final ProcessEnvironment processes;
    private final String currentUser;
    private final boolean root;
    private SshSessions sessions;

    /**
     * @param settings the run's settings: the ssh configuration and connect timeout
     * @param sshConfig an ssh configuration that beats the settings' ({@code --ssh-config}), or {@code null}
     * @param multiplex whether ssh connections share a master; a command that sends one command to each target
     *     needs none: a master costs a fork, a handshake over its control socket and its exit, about 40 ms on a
     *     one-host run and 1-2 ms a target
     * @param processes how processes are started
     * @param currentUser the user running ctys, who owns the local host's targets
     * @param root whether ctys runs as root
     */
    public Connections(Settings settings, Path sshConfig, boolean multiplex, ProcessEnvironment processes,
                       String currentUser, boolean root) {
        this.settings = settings;
        this.sshConfig = sshConfig;
        this.multiplex = multiplex;
        this.processes = processes;
        this.currentUser = currentUser;
        this.root = root;
    }

    /**
     * @param target a target
     * @param deadline when its work must end, or {@code null}
     * @param escalation how root commands become root when the target's own {@code -Z} does not say
     * @param dryRun receives each command line instead of running it, or {@code null} to run
     * @return the runner for it: on this machine for the local host, over ssh otherwise
     */
    public CommandRunner runnerFor(Target target, Instant deadline, Escalation escalation,
                                   Consumer<PlannedCommand> dryRun) {
        String own = target.context().value("-Z");
        Escalation effective = own != null ? Escalation.parse(own) : escalation;
        return new TargetCommandRunner(target, transportFor(target), effective, deadline, dryRun, root);
    }

    /**
     * @param target a target
     * @return how commands and socket connections reach it: directly for the local host, over ssh otherwise
     */
    public Transport transportFor(Target target) {
        return target.isLocal(currentUser) ? Transport.local(processes)
                : sessions().to(target.user(), target.host(), target.port());
    }

    /**
     * @param target where {@code argv} runs
     * @param argv what runs there
     * @return a command line for this machine that runs {@code argv} on the target over a connection of its own,
     *     which outlives this run: the argv itself for the local host
     */
    public List<String> standaloneCommandLine(Target target, List<String> argv) {
        return target.isLocal(currentUser) ? List.copyOf(argv)
                : sessions().standalone(target.user(), target.host(), target.port(), argv);
    }

    /** @return whether the target is this machine, as the user running ctys reaches it */
    public boolean isLocal(Target target) {
        return target.isLocal(currentUser);
    }

    private synchronized SshSessions sessions() {
        if (sessions == null) {
            sessions = new SshSessions(sshConfig != null ? processes.resolve(sshConfig.toString())
                    : settings.sshConfig(), settings.connectTimeout(), multiplex, processes);
        }
        return sessions;
    }

    /** Ends what was opened: the ssh masters and their control directory. */
    @Override
    public synchronized void close() {
        if (sessions != null) {
            sessions.close();
            sessions = null;
        }
    }
}
