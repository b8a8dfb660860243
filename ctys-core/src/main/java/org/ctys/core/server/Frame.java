package org.ctys.core.server;

/**
 * What flows on a connection after the {@link Request}: from the server, frames of a type byte, a length and a
 * payload; from the client, at most {@link #CANCEL} (Ctrl-C) before it closes.
 */
final class Frame {

    /** The server begins the command: a server that ends before this frame did nothing the client cannot redo. */
    static final byte START = 's';
    /** Bytes for the client's standard output. */
    static final byte OUT = 'o';
    /** Bytes for the client's standard error. */
    static final byte ERR = 'e';
    /** The command ended; the payload is its exit code (4 bytes). */
    static final byte EXIT = 'x';
    /** The server does not do this command (another build, debug output): the client runs it itself. */
    static final byte DECLINE = 'd';
    /** From the client: stop the command as Ctrl-C stops it. */
    static final byte CANCEL = 'c';

    private Frame() {
    }
}
