package org.ctys.core.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ctys.api.EnvironmentException;
import org.ctys.api.exec.SocketConnection;

/** A connection to a UNIX socket on this machine; closed by a watchdog when its time is up. */
final class LocalSocketConnection implements SocketConnection {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ctys-socket-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private final SocketChannel channel;
    private final InputStream input;
    private final OutputStream output;
    private final Runnable onClose;

    LocalSocketConnection(Path path, Duration timeout, Runnable onClose) {
        this.onClose = onClose;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            onClose.run();
            throw new EnvironmentException("cannot connect to socket " + path + ": " + e.getMessage(), e);
        }
        input = Channels.newInputStream(channel);
        output = Channels.newOutputStream(channel);
        // a blocking read on a UNIX channel has no timeout of its own: closing the channel ends it
        WATCHDOG.schedule(this::closeQuietly, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private synchronized void closeQuietly() {
        if (channel.isOpen()) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a socket that the peer already closed
            }
            onClose.run();
        }
    }
}
