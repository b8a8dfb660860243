package org.ctys.plugin.qemu;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.ctys.api.EnvironmentException;
import org.ctys.api.exec.SocketConnection;
import org.ctys.spi.DataNode;
import org.ctys.spi.DataParser;

/**
 * A QMP session on a guest's socket: the greeting, capability negotiation, then one command at a time. Events that
 * arrive between a command and its reply are skipped. Commands carry no arguments, so they are constant text.
 */
final class QmpClient implements Closeable {

    private final SocketConnection connection;
    private final BufferedReader in;
    private final OutputStream out;
    private final DataParser parser;
    private final String path;

    QmpClient(SocketConnection connection, DataParser parser, String path) {
        this.connection = connection;
        this.in = new BufferedReader(new InputStreamReader(connection.input(), StandardCharsets.UTF_8));
        this.out = connection.output();
        this.parser = parser;
        this.path = path;
        DataNode greeting = next();
        if (!(greeting instanceof DataNode.Mapping map) || map.get("QMP").isEmpty()) {
            throw new EnvironmentException(path + " is not a QMP socket: it did not greet with QMP");
        }
        execute("qmp_capabilities");
    }

    /**
     * @param command a QMP command without arguments, e.g. {@code query-status}
     * @return its {@code return} value
     * @throws EnvironmentException when QEMU answers with an error or the connection ends
     */
    DataNode execute(String command) {
        send(command);
        while (true) {
            if (next() instanceof DataNode.Mapping reply) {
                if (reply.get("return").isPresent()) {
                    return reply.get("return").get();
                }
                if (reply.get("error").isPresent()) {
                    throw new EnvironmentException("QMP " + path + ": " + command + " failed: "
                            + describe(reply.get("error").get()));
                }
            }
        }
    }

    /**
     * Sends a command that ends QEMU ({@code quit}) or may make the guest end it ({@code system_powerdown}), and
     * waits for QEMU to close the connection. QEMU may close it before it answers, so the answer is not awaited.
     *
     * @param command the command
     * @return whether QEMU closed the connection (it exited) before the connection's deadline
     */
    boolean sendAndAwaitClose(String command) {
        try {
            send(command);
            while (in.readLine() != null) {
                // the reply and events such as SHUTDOWN until QEMU goes
            }
            return true;
        } catch (IOException | EnvironmentException e) {
            return false;
        }
    }

    private void send(String command) {
        try {
            out.write(("{\"execute\": \"" + command + "\"}\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new EnvironmentException("QMP " + path + ": cannot send " + command + ": " + e.getMessage(), e);
        }
    }

    private DataNode next() {
        String line;
        try {
            line = in.readLine();
        } catch (IOException e) {
            throw new EnvironmentException("QMP " + path + ": no answer in time (" + e.getMessage() + ")", e);
        }
        if (line == null) {
            throw new EnvironmentException("QMP " + path + ": QEMU closed the connection");
        }
        return parser.json(line, "QMP " + path);
    }

    private static String describe(DataNode error) {
        if (error instanceof DataNode.Mapping map && map.get("desc").orElse(null) instanceof DataNode.Scalar desc) {
            return desc.text();
        }
        return "unknown error";
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException e) {
            // the guest may have closed it first; nothing is left to release
        }
    }
}
