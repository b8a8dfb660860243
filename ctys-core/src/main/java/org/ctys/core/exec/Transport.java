package org.ctys.core.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ctys.api.exec.SocketConnection;

/** How a command line reaches a target: as it is on this machine, or through ssh. */
public interface Transport {

    /**
     * @param targetArgv the argv to run on the target
     * @return the local command line that runs it there
     */
    List<String> commandLine(List<String> targetArgv);

    /** @return whether commands run on this machine */
    boolean local();

    /** @return the environment and directory the local processes of this transport start with */
    default ProcessEnvironment processEnvironment() {
        return ProcessEnvironment.INHERITED;
    }

    /**
     * @param processGroup the process group of a command this transport started on the target
     * @return the local command line that stops that group there, or an empty list when there is nothing to do
     */
    default List<String> stopCommandLine(String processGroup) {
        return List.of();
    }

    /**
     * Stopping ssh here does not stop the command there: stops the process group a command of this transport
     * reported on its standard error ({@link SshSessions#PROCESS_GROUP}), as well as the target still allows.
     *
     * @param stderr what the stopped command wrote to standard error
     */
    default void stopRemote(String stderr) {
        String group = stderr.lines().filter(l -> l.startsWith(SshSessions.PROCESS_GROUP + " ")).findFirst()
                .map(l -> l.substring(SshSessions.PROCESS_GROUP.length() + 1).strip()).orElse("");
        if (!group.matches("[0-9]+")) {
            return;
        }
        List<String> stop = stopCommandLine(group);
        if (stop.isEmpty()) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            ProcessRunner.run(processEnvironment(), stop, null, java.util.Map.of(), null, Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            // best effort: the target may be gone as well
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * @param path a UNIX socket on the target
     * @param timeout how long the connection may be used
     * @return a connection to it
     */
    SocketConnection connect(String path, Duration timeout);

    /** The local machine, its commands started in this process's environment. */
    Transport LOCAL = local(ProcessEnvironment.INHERITED);

    /**
     * @param environment what the commands start with
     * @return the local machine, its commands started in {@code environment}
     */
    static Transport local(ProcessEnvironment environment) {
        return new Transport() {
            @Override
            public List<String> commandLine(List<String> targetArgv) {
                return targetArgv;
            }

            @Override
            public boolean local() {
                return true;
            }

            @Override
            public ProcessEnvironment processEnvironment() {
                return environment;
            }

            @Override
            public SocketConnection connect(String path, Duration timeout) {
                return new LocalSocketConnection(environment.resolve(path), timeout, () -> { });
            }
        };
    }
}
