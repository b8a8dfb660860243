package org.ctys.plugin.vde;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern STATUS = Pattern.compile("(?:^|\\n)(\\d{4}) ([^\\n]*)\\n\\n" + Pattern.quote(PROMPT)
            + "$");
    private static final Pattern DATA = Pattern.compile("0000 DATA END WITH '\\.'\\n(.*?)\\n?\\.\\n", Pattern.DOTALL);

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

    static Reply parse(String answer, String path) {
        Matcher status = STATUS.matcher(answer);
        if (!status.find()) {
            throw new EnvironmentException("unexpected answer from the management socket " + path + ": '"
                    + answer.strip() + "'");
        }
        Matcher data = DATA.matcher(answer);
        return new Reply(Integer.parseInt(status.group(1)), status.group(2), data.find() ? data.group(1) : "");
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
