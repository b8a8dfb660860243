package org.ctys.core.exec;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ctys.api.EnvironmentException;
import org.ctys.api.exec.SocketConnection;

/**
 * The ssh connections of one run: one multiplexed master per target (ControlMaster/ControlPersist), their control
 * sockets in a private 0700 directory, and at the end each master asked to exit and the directory removed.
 */
public final class SshSessions implements AutoCloseable {

    /** The first line every remote command writes to standard error: its process group on the target. */
    static final String PROCESS_GROUP = "ctys-process-group";

    private static final java.util.concurrent.atomic.AtomicInteger FORWARDS =
            new java.util.concurrent.atomic.AtomicInteger();

    private final Path sshConfig;
    private final Duration connectTimeout;
    private final boolean multiplex;
    private final ProcessEnvironment environment;
    private Path controlDirectory;

    /**
     * @param sshConfig an ssh configuration used instead of the user's ({@code ssh -F}), or {@code null}
     * @param connectTimeout how long ssh waits for a connection
     * @param multiplex whether to share one connection per target between commands
     */
    public SshSessions(Path sshConfig, Duration connectTimeout, boolean multiplex) {
        this(sshConfig, connectTimeout, multiplex, ProcessEnvironment.INHERITED);
    }

    /**
     * @param sshConfig an ssh configuration used instead of the user's ({@code ssh -F}), or {@code null}
     * @param connectTimeout how long ssh waits for a connection
     * @param multiplex whether to share one connection per target between commands
     * @param environment what ssh starts with (its agent, its home)
     */
    public SshSessions(Path sshConfig, Duration connectTimeout, boolean multiplex, ProcessEnvironment environment) {
        this.sshConfig = sshConfig;
        this.connectTimeout = connectTimeout;
        this.multiplex = multiplex;
        this.environment = environment;
    }

    /**
     * @param user the login user, or {@code null} for ssh's choice
     * @param host the host
     * @param port the port, or {@code null}
     * @return the transport to that target
     */
    public Transport to(String user, String host, Integer port) {
        List<String> prefix = options(user, port, multiplex);
        List<String> options = List.copyOf(prefix);
        prefix.addAll(List.of("--", host));
        List<String> fixed = List.copyOf(prefix);
        return new Transport() {
            @Override
            public List<String> commandLine(List<String> targetArgv) {
                List<String> line = new ArrayList<>(fixed);
                // sshd starts the command in a process group of its own; its number lets a cancel stop it there
                line.add("printf '" + PROCESS_GROUP + " %s\\n' $$ >&2; exec " + RemoteShell.quote(targetArgv));
                return line;
            }

            @Override
            public List<String> stopCommandLine(String processGroup) {
                List<String> line = new ArrayList<>(fixed);
                line.add("kill -TERM -- -" + processGroup + " 2>/dev/null; sleep 1; kill -KILL -- -" + processGroup
                        + " 2>/dev/null; true");
                return line;
            }

            @Override
            public boolean local() {
                return false;
            }

            @Override
            public ProcessEnvironment processEnvironment() {
                return environment;
            }

            @Override
            public SocketConnection connect(String path, Duration timeout) {
                return forward(options, host, path, timeout);
            }
        };
    }

    /**
     * @param user the login user, or {@code null} for ssh's choice
     * @param host the host
     * @param port the port, or {@code null}
     * @param targetArgv what runs there
     * @return an ssh command line of its own, sharing no master with this run, that runs {@code targetArgv} there
     */
    public List<String> standalone(String user, String host, Integer port, List<String> targetArgv) {
        List<String> line = options(user, port, false);
        line.addAll(List.of("--", host, "exec " + RemoteShell.quote(targetArgv)));
        return line;
    }

    private List<String> options(String user, Integer port, boolean shareMaster) {
        List<String> prefix = new ArrayList<>(List.of("ssh", "-o", "BatchMode=yes",
                "-o", "ConnectTimeout=" + Math.max(1, connectTimeout.toSeconds()),
                // a host that drops (no reset, packets vanish) is given up after 3 unanswered probes 5 s apart,
                // instead of TCP's quarter of an hour
                "-o", "ServerAliveInterval=5", "-o", "ServerAliveCountMax=3"));
        if (sshConfig != null) {
            prefix.addAll(List.of("-F", sshConfig.toString()));
        }
        if (shareMaster) {
            prefix.addAll(List.of("-o", "ControlMaster=auto", "-o", "ControlPath=" + controlDirectory() + "/%C",
                    "-o", "ControlPersist=60"));
        }
        if (port != null) {
            prefix.addAll(List.of("-p", port.toString()));
        }
        if (user != null) {
            prefix.addAll(List.of("-l", user));
        }
        return prefix;
    }

    /**
     * Forwards a local socket in the private directory to {@code remote} through the target's master connection
     * (OpenSSH stream-local forwarding), so nothing but sshd is needed on the target.
     */
    private SocketConnection forward(List<String> options, String host, String remote, Duration timeout) {
        if (!multiplex) {
            throw new EnvironmentException("connecting to " + remote + " on " + host + " needs ssh multiplexing");
        }
        Path local = controlDirectory().resolve("fwd-" + FORWARDS.incrementAndGet());
        String spec = local + ":" + remote;
        List<String> start = new ArrayList<>(options);
        start.addAll(List.of("-o", "ExitOnForwardFailure=yes", "-O", "forward", "-L", spec, "--", host));
        CommandResultLine forwarded = runQuietly(start, timeout);
        if (forwarded.exit() != 0) {
            // -O needs a running master; usually a command to the target has started one, else start it now
            List<String> master = new ArrayList<>(options);
            master.addAll(List.of("--", host, "true"));
            runQuietly(master, timeout);
            forwarded = runQuietly(start, timeout);
        }
        if (forwarded.exit() != 0) {
            throw new EnvironmentException("cannot forward " + remote + " on " + host + ": " + forwarded.output());
        }
        List<String> cancel = new ArrayList<>(options);
        cancel.addAll(List.of("-O", "cancel", "-L", spec, "--", host));
        return new LocalSocketConnection(local, timeout, () -> {
            runQuietly(cancel, Duration.ofSeconds(5));
            try {
                Files.deleteIfExists(local);
            } catch (IOException e) {
                // inside the private directory, removed with it at the end
            }
        });
    }

    private record CommandResultLine(int exit, String output) {
    }

    private CommandResultLine runQuietly(List<String> argv, Duration timeout) {
        try {
            var result = ProcessRunner.run(environment, argv, null, java.util.Map.of(), null, timeout);
            return new CommandResultLine(result.exitCode(), result.stderr().strip());
        } catch (ProcessRunner.TimedOut e) {
            return new CommandResultLine(-1, e.getMessage());
        }
    }

    private synchronized Path controlDirectory() {
        if (controlDirectory == null) {
            sweepAbandoned();
            try {
                // short: a unix socket path holds at most 107 bytes, and %C alone is 40; the pid says whose it is
                controlDirectory = Files.createTempDirectory(Path.of("/tmp"), "ctys-ssh-" + ProcessHandle.current()
                        .pid() + "-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                        "rwx------")));
            } catch (IOException e) {
                throw new EnvironmentException("cannot create a private directory for ssh control sockets in "
                        + "/tmp: " + e.getMessage(), e);
            }
        }
        return controlDirectory;
    }

    /**
     * Removes the control directories that killed runs of this user left (a SIGKILLed ctys cannot close its own):
     * those whose run's pid is gone. Their masters, if any, end by themselves after ControlPersist.
     */
    private static void sweepAbandoned() {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/tmp"), "ctys-ssh-*")) {
            for (Path dir : dirs) {
                String[] name = dir.getFileName().toString().split("-");
                if (name.length != 4 || !name[2].matches("[0-9]{1,10}") || ProcessHandle.of(Long.parseLong(name[2]))
                        .isPresent() || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                        || !Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName()
                        .equals(System.getProperty("user.name"))) {
                    continue;
                }
                try (Stream<Path> left = Files.list(dir)) {
                    for (Path path : left.toList()) {
                        Files.deleteIfExists(path);
                    }
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException | RuntimeException e) {
            // best effort: another run may sweep the same directory at the same moment
        }
    }

    /** Asks every master of this run to exit (as {@code ssh -O exit} does), then removes the control directory. */
    @Override
    public synchronized void close() {
        if (controlDirectory == null) {
            return;
        }
        try (Stream<Path> sockets = Files.list(controlDirectory)) {
            for (Path socket : sockets.toList()) {
                if (!socket.getFileName().toString().startsWith("fwd-")) {
                    MuxControl.terminate(socket, Duration.ofSeconds(5));
                }
            }
            try (Stream<Path> left = Files.list(controlDirectory)) {
                for (Path path : left.toList()) {
                    Files.deleteIfExists(path);
                }
            }
            Files.deleteIfExists(controlDirectory);
        } catch (IOException e) {
            // the directory is private and under /tmp: a leftover is harmless and reported by nothing else
        }
        controlDirectory = null;
    }
}
