package org.ctys.core.server;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.ctys.core.ExitCodes;
import org.ctys.core.cli.Main;
import org.ctys.core.exec.ProcessEnvironment;

/**
 * The launcher's entry point (unless {@code CTYS_SERVER=0}): hands the command to the user's resident server and
 * relays its output and exit code; Ctrl-C here cancels it there. Without a server it starts one for the next
 * command and runs this one itself, as it does whatever the server declines.
 */
public final class Client {

    private final ServerAddress address;
    private volatile boolean cancelled;

    private Client(ServerAddress address) {
        this.address = address;
    }

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        String face = System.getProperty("ctys.face", "ctys");
        if (!Main.answersAtOnce(args)) {
            Client client = new Client(ServerAddress.ofCurrentUser());
            OptionalInt code = client.forward(face, args);
            if (code.isPresent()) {
                if (!client.cancelled) {
                    System.exit(code.getAsInt());
                }
                return;   // Ctrl-C: the JVM is already shutting down
            }
        }
        Main.main(args);
    }

    /**
     * The JDK's own selector provider on Linux, named where {@link java.nio.channels.spi.SelectorProvider} looks
     * first. Without it the JDK looks for a provider among the class path's service files, opening every jar of the
     * distribution: ~40 ms of a client that otherwise opens none (measured: a UNIX socket opened with all twelve
     * jars on the class path took 55-95 ms, 22-37 ms with the name). Named only where the class exists (and only
     * when the user named none), as another JDK may call it otherwise; there the JDK looks as before.
     */
    private static final String SELECTOR_PROVIDER = "sun.nio.ch.EPollSelectorProvider";

    private static void nameTheSelectorProvider() {
        String property = "java.nio.channels.spi.SelectorProvider";
        if (System.getProperty(property) != null) {
            return;
        }
        try {
            Class.forName(SELECTOR_PROVIDER, false, null);
            System.setProperty(property, SELECTOR_PROVIDER);
        } catch (ClassNotFoundException | LinkageError e) {
            // another JDK: it finds its provider as it always does
        }
    }

    /** @return the command's exit code, empty when this process must run it */
    private OptionalInt forward(String face, String[] args) {
        nameTheSelectorProvider();
        // a JVM's first UNIX socket costs ~25 ms (the JDK seeds a SecureRandom for them): opened on the other core
        // while this thread gathers the request
        FutureTask<SocketChannel> opening = new FutureTask<>(new Opening());
        new Thread(opening, "ctys-socket").start();
        byte[] request = request(face, args);
        SocketChannel socket;
        try {
            socket = opening.get();
        } catch (ExecutionException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
        // the streams are made before connecting, so that the class-data archive's training run (which finds no
        // server) loads their classes too, and a client opens no jar
        DataInputStream frames = new DataInputStream(new java.io.BufferedInputStream(ChannelStreams.input(socket)));
        DataOutputStream output = new DataOutputStream(new java.io.BufferedOutputStream(
                ChannelStreams.output(socket)));
        try {
            socket.connect(UnixDomainSocketAddress.of(address.socket()));
        } catch (IOException e) {
            close(socket);
            start();   // none running (or one that just left): the next command finds it
            return OptionalInt.empty();
        }
        try {
            if (!address.isPrivate()) {
                close(socket);
                System.err.println(face + ": not using the resident server: " + address.directory()
                        + " is not a private directory of this user");
                return OptionalInt.empty();
            }
        } catch (IOException e) {
            close(socket);
            return OptionalInt.empty();
        }
        try (socket) {
            output.write(request);
            output.flush();
            Thread interrupt = new Cancel(output, Thread.currentThread());
            Runtime.getRuntime().addShutdownHook(interrupt);
            OptionalInt code = relay(frames);
            if (!cancelled) {
                Runtime.getRuntime().removeShutdownHook(interrupt);
            }
            return code;
        } catch (IOException e) {
            System.err.println(face + ": the resident server ended during the command: " + e.getMessage()
                    + " (its log: " + address.log() + ")");
            return OptionalInt.of(ExitCodes.ENVIRONMENT);
        }
    }

    /** @return the encoded request: what this process would run, and where */
    private static byte[] request(String face, String[] args) {
        String home = System.getProperty("ctys.home");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            new Request(Installation.fingerprint(home == null ? null : Path.of(home), System.getenv(
                    "CTYS_JAVA_OPTS")), face, System.console() != null, Path.of("").toAbsolutePath().toString(),
                    System.getenv(), List.of(args)).write(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);   // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /** Opens the client's socket (a class, not a lambda: the first lambda of a JVM costs milliseconds). */
    private static final class Opening implements Callable<SocketChannel> {
        @Override
        public SocketChannel call() throws IOException {
            return SocketChannel.open(StandardProtocolFamily.UNIX);
        }
    }

    private static void close(SocketChannel socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // never connected
        }
    }

    /** Ctrl-C: the server stops the command's targets and reports each, as a run of its own would. */
    private final class Cancel extends Thread {
        private final DataOutputStream request;
        private final Thread main;

        Cancel(DataOutputStream request, Thread main) {
            super("ctys-cancel");
            this.request = request;
            this.main = main;
        }

        @Override
        public void run() {
            cancelled = true;
            try {
                request.writeByte(Frame.CANCEL);
                request.flush();
                main.join(Main.CANCEL_WAIT_MILLIS);   // as a run of its own waits
            } catch (IOException e) {
                // the command ended meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * @return the exit code; empty when the server declined, or left before it began (a server that was just
     *         leaving when this client came)
     */
    private static OptionalInt relay(DataInputStream frames) throws IOException {
        boolean started = false;
        while (true) {
            byte type;
            try {
                type = frames.readByte();
            } catch (EOFException e) {
                if (!started) {
                    return OptionalInt.empty();
                }
                throw new IOException("no exit code", e);
            }
            byte[] payload = frames.readNBytes(frames.readInt());
            switch (type) {
                case Frame.START -> started = true;
                case Frame.OUT -> write(System.out, payload);
                case Frame.ERR -> write(System.err, payload);
                case Frame.EXIT -> {
                    return OptionalInt.of(java.nio.ByteBuffer.wrap(payload).getInt());
                }
                case Frame.DECLINE -> {
                    return OptionalInt.empty();
                }
                default -> throw new IOException("an unknown frame " + type);
            }
        }
    }

    private static void write(PrintStream stream, byte[] bytes) {
        stream.write(bytes, 0, bytes.length);
        stream.flush();
    }

    /**
     * Starts a server for the next command, in a session of its own so that Ctrl-C here does not reach it; none
     * with {@code CTYS_SERVER_IDLE=0} (use a running server, start none).
     */
    private void start() {
        String home = System.getProperty("ctys.home");
        if (home == null || "0".equals(System.getenv("CTYS_SERVER_IDLE"))) {
            return;
        }
        try {
            if (!address.makePrivate()) {
                System.err.println("ctys: not using the resident server: " + address.directory()
                        + " is not a private directory of this user");
                return;
            }
            ProcessBuilder server = ProcessEnvironment.INHERITED.builder(List.of("setsid", "-f",
                            Path.of(home, "bin", "ctys").toString()))
                    .directory(new java.io.File("/"))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(address.log().toFile()).redirectErrorStream(true);
            Map<String, String> environment = server.environment();
            environment.put("CTYS_SERVER_START", "1");
            server.start().waitFor();
        } catch (IOException e) {
            System.err.println("ctys: cannot start the resident server: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
