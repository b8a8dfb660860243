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
import org.ctys.core.ExitCodes;
import org.ctys.core.cli.Main;

/**
 * The launcher's entry point with {@code CTYS_SERVER=1}: hands the command to the user's resident server and
 * relays its output and exit code; Ctrl-C here cancels it there. Without a server it starts one for the next
 * command and runs this one itself, as it does whatever the server declines.
 */
public final class Client {

    /** How long Ctrl-C's cancel may take before the client stops waiting (as a run of its own does). */
    private static final long CANCEL_WAIT_MILLIS = 15_000;

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

    /** @return the command's exit code, empty when this process must run it */
    private OptionalInt forward(String face, String[] args) {
        SocketChannel socket;
        try {
            socket = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            return OptionalInt.empty();
        }
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
            DataInputStream frames = new DataInputStream(new java.io.BufferedInputStream(
                    ChannelStreams.input(socket)));
            DataOutputStream request = new DataOutputStream(new java.io.BufferedOutputStream(
                    ChannelStreams.output(socket)));
            String home = System.getProperty("ctys.home");
            new Request(Installation.fingerprint(home == null ? null : Path.of(home), System.getenv(
                    "CTYS_JAVA_OPTS")), face, System.console() != null, Path.of("").toAbsolutePath().toString(),
                    System.getenv(), List.of(args)).write(request);
            Thread interrupt = new Cancel(request, Thread.currentThread());
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
                main.join(CANCEL_WAIT_MILLIS);
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
            ProcessBuilder server = new ProcessBuilder("setsid", "-f", Path.of(home, "bin", "ctys").toString())
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
