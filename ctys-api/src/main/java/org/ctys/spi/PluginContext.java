package org.ctys.spi;

import java.time.Duration;
import java.util.Optional;
import org.ctys.api.Target;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandRunner;
import org.ctys.api.exec.HeldLock;
import org.ctys.api.exec.LockedLook;
import org.ctys.api.exec.SocketConnection;

/**
 * What core hands a plugin for one action on one target: never framework objects, only ctys values.
 *
 * @since 0.1
 */
public interface PluginContext {

    /** The setting that names the directory on each target for sockets, pid and state files. */
    String SOCKET_BASE = "CTYS_SOCKBASE";

    /** The directory for sockets, pid and state files when {@link #SOCKET_BASE} is not set. */
    String DEFAULT_SOCKET_BASE = "/var/tmp";

    /**
     * Returns the target this action runs on, never {@code null}.
     *
     * @return the target this action runs on, never {@code null}
     */
    Target target();

    /**
     * Returns the runner for commands on {@link #target()}, never {@code null}.
     *
     * @return the runner for commands on {@link #target()}, never {@code null}
     */
    CommandRunner runner();

    /**
     * Connects to a UNIX socket on the target, without any tool there: directly on this machine, through the ssh
     * connection's stream-local forwarding on a remote target (as the login user, who needs access to it). It
     * connects in a dry run too, so that a dry run decides from what the socket answers as the real run does; in a
     * dry run send only what reads (a status, a port table), never what changes.
     *
     * @param path the absolute path of the socket on the target
     * @param timeout after this long, reads and writes on the connection fail
     * @return the open connection; close it when done
     * @throws org.ctys.api.EnvironmentException when the socket does not exist or refuses the connection
     * @throws UnsupportedOperationException when this context cannot connect (a test context, for example)
     */
    default SocketConnection connect(String path, Duration timeout) {
        throw new UnsupportedOperationException("this context cannot connect to sockets on " + target());
    }

    /**
     * Takes the exclusive lock of a directory on the target, waiting for another holder (another ctys run, on this
     * machine or elsewhere) to release it. Held across all of an action's round trips, it serializes the actions
     * that change the same thing, e.g. a create and a cancel of one switch. It is taken as the login user, who
     * needs read access to the directory. Taking a lock this action already holds returns at once (a plugin that
     * calls another plugin's service with the same context does not wait for itself). While it is held, the
     * commands of {@link #runner()} run in the lock's own session on the target where they can (no input), with the
     * results and errors of a command run on its own. In a dry run nothing is locked.
     *
     * @param directory an existing directory on the target
     * @param wait how long to wait for another holder
     * @return the held lock; close it when the action's changes are done
     * @throws org.ctys.api.EnvironmentException when the directory does not exist, cannot be read, or another run
     *     held it for longer than {@code wait}
     * @throws org.ctys.api.TargetFailureException when the target cannot be reached, or its deadline
     *     ({@code --timeout}) passes while waiting: nothing was changed
     * @throws UnsupportedOperationException when this context cannot lock (a test context, for example)
     */
    default HeldLock lock(String directory, Duration wait) {
        throw new UnsupportedOperationException("this context cannot lock directories on " + target());
    }

    /**
     * Takes {@link #lock} and runs a read-only command under it, in the lock's own request where the target allows:
     * for an action that looks at the target before it changes it (a probe), one round trip fewer than locking and
     * then running it. The command runs once the lock is held, as the runner would run it; one that needs input (on
     * this machine also one with an environment or a directory of its own), or a lock this action already holds,
     * runs after the lock is taken instead. In a dry run nothing is locked and the command just runs.
     *
     * @param directory an existing directory on the target
     * @param wait how long to wait for another holder
     * @param look the command to run under the lock
     * @return the held lock and the command's result; close it when the action's changes are done
     * @throws org.ctys.api.EnvironmentException as {@link #lock} does, or as the runner does for the command
     * @throws org.ctys.api.TargetFailureException as {@link #lock} does, or as the runner does for the command; the
     *     lock is released
     * @throws UnsupportedOperationException when this context cannot lock
     */
    default LockedLook lockAndLook(String directory, Duration wait, Command look) {
        HeldLock lock = lock(directory, wait);
        try {
            return new LockedLook(lock, runner().run(look));
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * A read-only view of core's effective settings: the environment of ctys, with core's defaults for the settings
     * core defines ({@link #SOCKET_BASE}); a plugin's own settings (such as the QEMU plugin's {@code CTYS_VM_PATH})
     * have the defaults the plugin gives them.
     *
     * @param name the setting's name
     * @return its value, empty when neither set nor defaulted by core
     */
    default Optional<String> setting(String name) {
        return Optional.empty();
    }

    /**
     * Returns the directory on the target for sockets, pid and state files: {@link #SOCKET_BASE}, else
     * {@value #DEFAULT_SOCKET_BASE}.
     *
     * @return the directory on the target for sockets, pid and state files
     */
    default String socketBase() {
        return setting(SOCKET_BASE).filter(base -> !base.isEmpty()).orElse(DEFAULT_SOCKET_BASE);
    }

    /**
     * Finds a service core offers ({@link DataParser}) or another loaded plugin offers, such as
     * {@link VirtualSwitchProvider}.
     *
     * @param type the service interface, from ctys-api
     * @param <T> the service type
     * @return core's service, or the first loaded plugin that implements it, empty when none does
     */
    default <T> Optional<T> service(Class<T> type) {
        return Optional.empty();
    }

    /**
     * Does work on other targets of this run, in parallel as core's fan-out does it (at most {@code --fanout} at
     * once, each within {@code --timeout}, stopped by Ctrl-C), each with a context of its own: its runner, locks,
     * socket connections and services, the same escalation and dry run as this one. For plugins whose action spans
     * hosts, such as a lab whose switches are on several: the action runs on one target (the control host) and
     * reaches the others through this. A target fails alone; its failure is its outcome, as on the command line.
     * In a dry run their planned commands are shown as this target's.
     *
     * @param targets the targets, each once
     * @param work what to do on each, given its context; runs on core's threads
     * @param <T> what the work returns
     * @return one outcome per target, in the order given
     * @throws UnsupportedOperationException when this context cannot reach other targets
     * @throws IllegalArgumentException when a target is named twice
     */
    default <T> java.util.List<TargetOutcome<T>> onEach(java.util.List<Target> targets,
                                                       java.util.function.Function<PluginContext, T> work) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " reaches only its own target");
    }

    /**
     * Returns the command line that, started on this context's target, runs {@code command} on {@code other} over a
     * connection of its own: one that does not end with this run, for processes a plugin leaves running on purpose
     * because its user asked for them, such as a lab's cables between hosts. Core writes it (ssh with the run's
     * configuration, or the command itself for the local host), so that a plugin never builds an ssh command line.
     * Only the host ctys runs on can start it, so this context must be that host's.
     *
     * @param other the target the command runs on
     * @param command what runs there, as its login user (a root command is refused)
     * @return the argv to start on this context's target
     * @throws org.ctys.api.EnvironmentException when this context is not the host ctys runs on
     * @throws IllegalArgumentException when the command needs root
     * @throws UnsupportedOperationException when this context cannot do it
     */
    default java.util.List<String> standaloneCommand(Target other, Command command) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot write command lines");
    }

    /**
     * Returns whether this is a dry run: commands are printed, not run, and sockets must not be touched.
     *
     * @return whether this is a dry run: commands are printed, not run, and sockets must not be touched
     */
    default boolean dryRun() {
        return false;
    }
}
