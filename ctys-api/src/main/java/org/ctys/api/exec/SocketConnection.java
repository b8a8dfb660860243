package org.ctys.api.exec;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A stream connection to a UNIX socket on a target, such as a vde_switch management socket: on this machine a
 * direct connection, on a remote target one forwarded over its ssh connection. Closing it ends the forward.
 *
 * @since 0.1
 */
public interface SocketConnection extends Closeable {

    /**
     * Returns what the socket sends; reads fail once the connection's deadline has passed.
     *
     * @return what the socket sends; reads fail once the connection's deadline has passed
     */
    InputStream input();

    /**
     * Returns where to write to the socket.
     *
     * @return where to write to the socket
     */
    OutputStream output();
}
