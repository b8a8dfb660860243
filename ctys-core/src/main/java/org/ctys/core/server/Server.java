package org.ctys.core.server;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;
import jdk.net.ExtendedSocketOptions;
import org.ctys.core.Invocation;
import org.ctys.core.cli.Main;
import org.ctys.core.exec.ProcessEnvironment;

/**
 * The resident server: listens where the user's {@link ServerAddress} says, does each client's command in a thread
 * of its own with the client's environment, directory and streams, and leaves after {@code CTYS_SERVER_IDLE}
 * seconds without a command (default 900) or when its distribution changed. Started by a {@link Client}, never by
 * hand.
 */
public final class Server {

    private static final int DEFAULT_IDLE_SECONDS = 900;

    /** The server's own messages; {@code System.err} belongs to the command a thread works for. */
    private static final PrintStream LOG = System.err;

    private final ServerAddress address;
    private final Path home;
    private final String installation;
    private final String javaOptions;
    private final PluginCache plugins;
    private final Object state = new Object();
    private int active;
    private long idleSince = System.nanoTime();
    private boolean closing;
    private boolean stale;

    private Server(ServerAddress address, Path home, String javaOptions) {
        this.address = address;
        this.home = home;
        this.javaOptions = javaOptions;
        this.installation = Installation.fingerprint(home, javaOptions);
        this.plugins = new PluginCache(System.getProperty("user.name"));
    }

    /**
     * @param args none
     * @throws IOException when the socket cannot be made
     */
    public static void main(String[] args) throws IOException {
        System.setErr(RoutedErr.over(LOG));
        String homeProperty = System.getProperty("ctys.home");
        Path home = homeProperty == null ? null : Path.of(homeProperty);
        ServerAddress address = ServerAddress.ofCurrentUser();
        if (!address.makePrivate()) {
            LOG.println("ctys server: " + address.directory() + " is not a private directory of this user");
            System.exit(2);
        }
        try (FileChannel lockFile = FileChannel.open(address.lock(), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                return;   // another server started at the same moment and serves
            }
            new Server(address, home, System.getenv("CTYS_JAVA_OPTS")).serve(idleLimit(System.getenv()));
        }
    }

    private static Duration idleLimit(Map<String, String> environment) {
        String value = environment.getOrDefault("CTYS_SERVER_IDLE", "");
        return Duration.ofSeconds(value.matches("[0-9]{1,7}") ? Math.max(1, Integer.parseInt(value))
                : DEFAULT_IDLE_SECONDS);
    }

    private void serve(Duration idle) throws IOException {
        warmUp();
        Files.writeString(address.pid(), ProcessHandle.current().pid() + "\n");
        // the shell's door first: a client that finds the socket finds it too
        try {
            new ShellClients(this, address).open();
        } catch (IOException e) {
            LOG.println("ctys server: no door for the launcher's shell (its JVM client still works): " + e);
        }
        Files.deleteIfExists(address.socket());
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(address.socket()));
        // kill (TERM) is how a user stops it: the next client then finds no socket rather than a dead one
        Runtime.getRuntime().addShutdownHook(new Thread(this::removeTraces, "ctys-server-exit"));
        Thread watchdog = new Thread(() -> watch(listener, idle), "ctys-server-idle");
        watchdog.setDaemon(true);
        watchdog.start();
        while (true) {
            SocketChannel client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;   // closed by the watchdog: leaving
            }
            boolean refuse = !admit();
            Thread worker = new Thread(() -> answer(client, refuse), "ctys-server-command");
            worker.start();
        }
    }

    /** Loads what every command needs once, before the first client waits for it. */
    private void warmUp() {
        StringWriter discard = new StringWriter();
        Invocation invocation = Invocation.of(new PrintWriter(discard), new PrintWriter(discard), System.getenv(),
                home);
        invocation.serveFor(ProcessEnvironment.INHERITED, plugins::get);
        try {
            Main.run(invocation, "ctys", "plugins", "-X");
        } catch (RuntimeException e) {
            LOG.println("ctys server: warming up: " + e);
        }
    }

    private void watch(ServerSocketChannel listener, Duration idle) {
        while (true) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (state) {
                boolean idleTooLong = System.nanoTime() - idleSince > idle.toNanos();
                if (active > 0 || !(stale || idleTooLong)) {
                    continue;
                }
                closing = true;
            }
            try {
                listener.close();
            } catch (IOException e) {
                // leaving anyway
            }
            System.exit(0);
        }
    }

    private void removeTraces() {
        try {
            Files.deleteIfExists(address.requests());
            Files.deleteIfExists(address.socket());
            Files.deleteIfExists(address.pid());
        } catch (IOException e) {
            LOG.println("ctys server: leaving: " + e);
        }
    }

    /** @return whether a command may begin (it then counts until {@link #leave}); not while the server leaves */
    boolean admit() {
        synchronized (state) {
            if (closing) {
                return false;
            }
            active++;
            return true;
        }
    }

    /** A command {@link #admit admitted} has ended (done, or declined). */
    void leave() {
        synchronized (state) {
            active--;
        }
    }

    /**
     * @param clientInstallation a client's {@link Installation#fingerprint}
     * @return whether this server does that client's commands; when not because the distribution changed under it
     *     (a new build), it leaves as soon as it is idle, and the next client starts a server of the new build
     */
    boolean serves(String clientInstallation) {
        if (clientInstallation.equals(installation)) {
            return true;
        }
        if (!Installation.fingerprint(home, javaOptions).equals(installation)) {
            synchronized (state) {
                stale = true;
            }
        }
        return false;
    }

    /** Writes a line to the server's log. */
    static void log(String message) {
        LOG.println("ctys server: " + message);
    }

    private void answer(SocketChannel client, boolean refuse) {
        try (client) {
            InputStream input = ChannelStreams.input(client);
            DataOutputStream frames = new DataOutputStream(new java.io.BufferedOutputStream(
                    ChannelStreams.output(client)));
            if (!client.getOption(ExtendedSocketOptions.SO_PEERCRED).user().getName()
                    .equals(System.getProperty("user.name"))) {
                return;   // not a client of this user (the directory should have kept them out)
            }
            if (refuse) {
                send(frames, Frame.DECLINE, new byte[0]);
                return;
            }
            Request request = Request.read(new DataInputStream(input));
            if (!serves(request.installation())) {
                send(frames, Frame.DECLINE, new byte[0]);
                return;
            }
            run(request, input, frames);
        } catch (IOException | RuntimeException e) {
            LOG.println("ctys server: a client: " + e);
        } finally {
            if (!refuse) {
                leave();
            }
        }
    }

    private void run(Request request, InputStream input, DataOutputStream frames) throws IOException {
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        send(frames, Frame.START, new byte[0]);
        OptionalInt code = execute(request, new FrameStream(frames, Frame.OUT), new FrameStream(frames, Frame.ERR),
                invocation -> {
                    Thread cancel = new Thread(() -> {
                        try {
                            input.read();   // Ctrl-C's frame, or the end: the client is gone, so is its run
                        } catch (IOException e) {
                            // the same
                        }
                        if (!finished.get()) {
                            invocation.cancel();
                        }
                    }, "ctys-server-cancel");
                    cancel.setDaemon(true);
                    cancel.start();
                }, "socket");
        finished.set(true);
        if (code.isEmpty()) {
            send(frames, Frame.DECLINE, new byte[0]);
            return;
        }
        send(frames, Frame.EXIT, java.nio.ByteBuffer.allocate(4).putInt(code.getAsInt()).array());
    }

    /**
     * Does a client's command with the client's environment, directory and streams.
     *
     * @param started told of the command's invocation before it starts, so that a Ctrl-C can cancel it
     * @param door how the client came, for the log: {@code socket} (its JVM) or {@code shell} (the launcher's)
     * @return its exit code; empty when it needs a process of its own, which it says before doing anything (the
     *     client then runs it itself)
     */
    OptionalInt execute(Request request, OutputStream stdout, OutputStream stderr, Consumer<Invocation> started,
                        String door) {
        PrintWriter out = new PrintWriter(stdout, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(errStream, true, StandardCharsets.UTF_8);
        RoutedErr.route(errStream);
        Invocation invocation = Invocation.of(out, err, request.environment(), home);
        invocation.interactive(request.interactive());
        invocation.serveFor(new ProcessEnvironment(request.environment(), Path.of(request.directory())),
                plugins::get);
        started.accept(invocation);
        int code;
        long start = System.nanoTime();
        try {
            code = Main.run(invocation, request.face(), request.args().toArray(String[]::new));
        } finally {
            RoutedErr.route(null);
        }
        if (invocation.ownProcessRequired().isPresent()) {
            return OptionalInt.empty();
        }
        // only a command done counts as use: clients it declines (other limits or nice value, -d, another build)
        // do not keep a server alive that does nothing for them
        synchronized (state) {
            idleSince = System.nanoTime();
        }
        LOG.printf("ctys server: %s %s: exit %d after %d ms (%s)%n", request.face(), request.args(), code,
                (System.nanoTime() - start) / 1_000_000, door);
        out.flush();
        err.flush();
        return OptionalInt.of(code);
    }

    static void send(DataOutputStream frames, byte type, byte[] payload) throws IOException {
        synchronized (frames) {
            frames.writeByte(type);
            frames.writeInt(payload.length);
            frames.write(payload);
            frames.flush();
        }
    }

    /** A stream whose every write is one frame of one type. */
    private static final class FrameStream extends OutputStream {
        private final DataOutputStream frames;
        private final byte type;

        FrameStream(DataOutputStream frames, byte type) {
            this.frames = frames;
            this.type = type;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            send(frames, type, java.util.Arrays.copyOfRange(bytes, offset, offset + length));
        }
    }
}
