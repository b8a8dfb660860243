package org.ctys.core.server;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The server's {@code System.err}, which is where SLF4J's simple binding writes warnings (a plugin that broke its
 * contract): each command's threads, and the threads they start, write to that command's client; the server's own
 * threads to its log.
 */
final class RoutedErr extends OutputStream {

    private static final InheritableThreadLocal<PrintStream> CLIENT = new InheritableThreadLocal<>();

    private final PrintStream log;

    private RoutedErr(PrintStream log) {
        this.log = log;
    }

    /**
     * @param log where the server's own threads write
     * @return the stream to install as {@code System.err}
     */
    static PrintStream over(PrintStream log) {
        return new PrintStream(new RoutedErr(log), true);
    }

    /** @param client where this thread's, and its new threads', standard error goes; {@code null} for the log */
    static void route(PrintStream client) {
        CLIENT.set(client);
    }

    private PrintStream target() {
        PrintStream client = CLIENT.get();
        return client != null ? client : log;
    }

    @Override
    public void write(int b) {
        target().write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        target().write(bytes, offset, length);
    }

    @Override
    public void flush() {
        target().flush();
    }
}
