package org.ctys.plugin.vde;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.ctys.api.EnvironmentException;
import org.ctys.api.exec.SocketConnection;

/**
 * vde_switch's management protocol, spoken natively (no unixterm, nc or Python on the target). The switch greets
 * with a banner ending in the prompt {@code vde$ }; each command line is answered by optional data framed as
 * {@code 0000 DATA END WITH '.'} ... {@code .}, then a status line {@code NNNN text} ({@code 1000 Success}), a
 * blank line and the prompt again. Commands are not echoed.
 */
final class ManagementClient implements AutoCloseable {

    /** One answer: the status code, its text, and the data block (empty when there was none). */
    record Reply(int code, String text, String data) {
        boolean success() {
            return code == 1000;
        }
    }

    private static final String PROMPT = "vde$ ";
    private static final String DATA_HEADER = "0000 DATA END WITH '.'\n";

    private final SocketConnection connection;
    private final String path;
    private final InputStream in;
    private final OutputStream out;
    private final StringBuilder buffer = new StringBuilder();

    ManagementClient(SocketConnection connection, String path) {
        this.connection = connection;
        this.path = path;
        this.in = connection.input();
        this.out = connection.output();
        readUntilPrompt();
    }

    /**
     * @param command a management command such as {@code port/print}
     * @return the switch's answer
     */
    Reply send(String command) {
        if (command.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("one command per line: " + command);
        }
        write(command + "\n");
        String answer = readUntilPrompt();
        return parse(answer, path);
    }

    /** Asks the switch to shut down; it answers by closing the connection. */
    void shutdown() {
        write("shutdown\n");
    }

    /**
     * Reads an answer by position, not by regular expression: the status is the line before the blank line and the
     * prompt that end it, the data runs from the data header to the first {@code .} ending a line. (The regular
     * expressions this replaces took 0.8 ms for a port table of 64 ports, JMH ManagementBenchmark.)
     */
    static Reply parse(String answer, String path) {
        String end = "\n\n" + PROMPT;
        int stop = answer.endsWith(end) ? answer.length() - end.length() : -1;
        int line = stop < 0 ? -1 : answer.lastIndexOf('\n', stop - 1) + 1;
        if (stop < 0 || stop - line < 5 || answer.charAt(line + 4) != ' ' || !digits(answer, line, line + 4)) {
            throw new EnvironmentException("unexpected answer from the management socket " + path + ": '"
                    + answer.strip() + "'");
        }
        int header = answer.indexOf(DATA_HEADER);
        String data = "";
        if (header >= 0) {
            int from = header + DATA_HEADER.length();
            int dot = answer.indexOf(".\n", from);
            if (dot >= 0) {
                data = answer.substring(from, dot > from && answer.charAt(dot - 1) == '\n' ? dot - 1 : dot);
            }
        }
        return new Reply(Integer.parseInt(answer, line, line + 4, 10), answer.substring(line + 5, stop), data);
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private void write(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new EnvironmentException("the management socket " + path + " closed: " + e.getMessage(), e);
        }
    }

    private String readUntilPrompt() {
        byte[] chunk = new byte[8192];
        try {
            while (!buffer.toString().endsWith(PROMPT)) {
                int n = in.read(chunk);
                if (n < 0) {
                    throw new EnvironmentException("the management socket " + path + " closed without answering "
                            + "(no switch behind it, or no access)");
                }
                buffer.append(new String(chunk, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new EnvironmentException("no answer from the management socket " + path + ": " + e.getMessage(),
                    e);
        }
        String answer = buffer.toString();
        buffer.setLength(0);
        return answer;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException e) {
            // the switch may already have closed it (after shutdown)
        }
    }
}
