package org.ctys.core.server;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.ctys.core.Invocation;
import org.ctys.core.exec.ProcessEnvironment;

/**
 * The server's door for the launcher's own shell, which cannot open a UNIX socket: with it a served command starts
 * no JVM at all (a JVM client costs ~0.1 s here, most of a served command). The shell writes its command line, NUL
 * separated, to {@code c<pid>.args}, makes the FIFO {@code c<pid>} and writes its pid as one line to
 * {@link ServerAddress#requests()}. The server takes everything else from {@code /proc/<pid>}: the user (it must be
 * this server's), the environment, the working directory, the view of the machine that
 * {@link Installation#fingerprint} compares, and standard output and error (its descriptors 7 and 8, copies), which
 * it opens and writes itself: a pipe, a terminal or {@code /dev/null} opened a second time is the same stream (the
 * shell puts a relay in front of a file, whose offset a second opening would not share). It deletes both files when it takes the command, and answers on the FIFO with one line: the exit code,
 * or {@code decline} (the shell then starts its JVM client, as for a command that needs a process of its own). A
 * line {@code cancel <pid>} is the shell's Ctrl-C.
 *
 * <p>Why FIFOs in the server's private directory: only this user can reach them, and a shell can write and read
 * them with builtins alone. A server that dies leaves the shell waiting on the FIFO; the shell looks at the
 * server's pid every second, and when its command was never taken (its {@code .args} file is still there) runs it
 * with a JVM of its own instead.
 */
final class ShellClients {

    private static final String DECLINE = "decline";
    /**
     * The shell's copies of its standard output and error: bash points descriptor 1 at a file while one of its
     * builtins writes there (the request line), and the server may open it at that very moment.
     */
    private static final int OUT = 7;
    private static final int ERR = 8;
    private static final int FIFO = 0010000;
    private static final int FILE_TYPE = 0170000;

    private final Server server;
    private final ServerAddress address;
    private final Map<Long, Invocation> running = new ConcurrentHashMap<>();

    ShellClients(Server server, ServerAddress address) {
        this.server = server;
        this.address = address;
    }

    /**
     * Makes the FIFO (anew: a stale one may hold requests of clients long gone) and listens on it.
     *
     * @throws IOException when it cannot be made
     */
    void open() throws IOException {
        try (var files = Files.newDirectoryStream(address.directory(), "c*")) {
            for (Path stale : files) {
                Files.deleteIfExists(stale);
            }
        }
        Path requests = address.requests();
        Files.deleteIfExists(requests);
        Process mkfifo = ProcessEnvironment.INHERITED.builder(List.of("mkfifo", "-m", "600", requests.toString()))
                .inheritIO().start();
        try {
            if (mkfifo.waitFor() != 0) {
                throw new IOException("mkfifo " + requests + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted making " + requests, e);
        }
        // read and write: the FIFO never reports an end when the last client closes it, and opening it never
        // waits for a writer
        RandomAccessFile fifo = new RandomAccessFile(requests.toFile(), "rw");
        Thread listener = new Thread(() -> listen(fifo), "ctys-server-shell");
        listener.setDaemon(true);
        listener.start();
    }

    private void listen(RandomAccessFile fifo) {
        try (fifo; BufferedReader lines = new BufferedReader(new InputStreamReader(new FileInputStream(fifo.getFD()),
                StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.matches("[0-9]{1,10}")) {
                    long pid = Long.parseLong(line);
                    Thread worker = new Thread(() -> answer(pid), "ctys-server-command");
                    worker.start();
                } else if (line.matches("cancel [0-9]{1,10}")) {
                    Invocation invocation = running.get(Long.parseLong(line.substring("cancel ".length())));
                    if (invocation != null) {
                        invocation.cancel();
                    }
                }
            }
        } catch (IOException e) {
            Server.log("the shell clients' FIFO: " + e);
        }
    }

    private void answer(long pid) {
        Path process = Path.of("/proc", Long.toString(pid));
        Path reply = address.directory().resolve("c" + pid);
        Path args = address.directory().resolve("c" + pid + ".args");
        try {
            if (!isFifo(reply)) {
                return;   // not a client's (or gone): nobody waits
            }
            // read and write, so that opening it never waits; never created: a client that withdrew meanwhile took
            // its FIFO away, and a file made in its place would be left behind
            try (FileChannel answer = FileChannel.open(reply, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                String code = DECLINE;
                try {
                    byte[] command = Files.readAllBytes(args);
                    try {
                        // taken: the shell withdraws a command by deleting the same file, so only one of them can
                        Files.delete(args);
                    } catch (NoSuchFileException withdrawn) {
                        return;   // it runs the command without the server
                    }
                    Files.deleteIfExists(reply);
                    // the directory no longer private: the JVM client says so to the user, and runs it itself
                    if (((Integer) Files.getAttribute(process, "unix:uid")) == ServerAddress.uid()
                            && address.isPrivate() && server.admit()) {
                        try {
                            code = run(pid, process, split(command));
                        } finally {
                            server.leave();
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    Server.log("a shell client (pid " + pid + "): " + e);
                }
                answer.write(ByteBuffer.wrap((code + "\n").getBytes(StandardCharsets.US_ASCII)));
            }
        } catch (NoSuchFileException withdrawn) {
            // the client withdrew between the look and the open: nobody waits
        } catch (IOException e) {
            Server.log("a shell client (pid " + pid + "): " + e);
        } finally {
            running.remove(pid);
        }
    }

    /** @return the exit code, or {@link #DECLINE} */
    private String run(long pid, Path process, List<String> command) throws IOException {
        if (command.size() < 2) {
            return DECLINE;
        }
        Map<String, String> environment = environment(process);
        String installation = Installation.fingerprint(Path.of(command.get(1)), environment.get("CTYS_JAVA_OPTS"),
                process, Installation.javaHome(environment));
        if (!server.serves(installation)) {
            return DECLINE;
        }
        Path stdout = process.resolve("fd/" + OUT);
        Path stderr = process.resolve("fd/" + ERR);
        if (Files.isRegularFile(stdout) || Files.isRegularFile(stderr)) {
            return DECLINE;   // its offset is the shell's: a second opening would write over what is there
        }
        Request request = new Request(installation, command.get(0), terminal(process, 0) && terminal(process, OUT),
                Files.readSymbolicLink(process.resolve("cwd")).toString(), environment,
                command.subList(2, command.size()));
        try (OutputStream out = Files.newOutputStream(stdout, StandardOpenOption.WRITE);
             OutputStream err = Files.newOutputStream(stderr, StandardOpenOption.WRITE)) {
            OptionalInt code = server.execute(request, out, err, invocation -> {
                running.put(pid, invocation);
                // a client that disappears (killed) cancels its command, as one whose socket closes does
                ProcessHandle.of(pid).ifPresentOrElse(client -> client.onExit().thenRun(() -> {
                    if (running.get(pid) == invocation) {
                        invocation.cancel();
                    }
                }), invocation::cancel);
            }, "shell");
            running.remove(pid);   // done: its client's exit from now on is the end of a command that ended
            return code.isPresent() ? Integer.toString(code.getAsInt()) : DECLINE;
        }
    }

    private static boolean isFifo(Path path) throws IOException {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                && (((Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & FILE_TYPE) == FIFO;
    }

    /** @return whether the descriptor is a terminal, as {@code System.console()} asks of a client's own */
    private static boolean terminal(Path process, int descriptor) {
        try {
            String target = Files.readSymbolicLink(process.resolve("fd/" + descriptor)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, String> environment(Path process) throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String variable : split(Files.readAllBytes(process.resolve("environ")))) {
            int equals = variable.indexOf('=');
            if (equals > 0) {
                environment.putIfAbsent(variable.substring(0, equals), variable.substring(equals + 1));
            }
        }
        return environment;
    }

    /** @return the NUL-terminated strings of {@code bytes} */
    private static List<String> split(byte[] bytes) {
        List<String> strings = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                strings.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return strings;
    }
}
