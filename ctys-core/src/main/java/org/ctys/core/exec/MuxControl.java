package org.ctys.core.exec;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import org.ctys.api.CtysException;

/**
 * Speaks OpenSSH's multiplexing protocol (PROTOCOL.mux in OpenSSH's sources) on a master's control socket, for
 * the one request a run needs at its end: that the master terminate. What {@code ssh -O exit} does, without
 * starting an ssh process per target.
 */
final class MuxControl {

    private static final int HELLO = 0x00000001;
    private static final int VERSION = 4;
    private static final int TERMINATE = 0x10000005;
    private static final int OK = 0x80000001;

    private MuxControl() {
    }

    /**
     * @param socket a master's control socket
     * @param timeout how long the master may take to answer
     * @return whether the master agreed to terminate; {@code false} when it is gone, refused or spoke otherwise
     */
    static boolean terminate(Path socket, Duration timeout) {
        try (LocalSocketConnection connection = new LocalSocketConnection(socket, timeout, () -> { })) {
            DataOutputStream out = new DataOutputStream(connection.output());
            DataInputStream in = new DataInputStream(connection.input());
            out.writeInt(8);
            out.writeInt(HELLO);
            out.writeInt(VERSION);
            out.flush();
            ByteBuffer hello = packet(in);
            if (hello.remaining() < 8 || hello.getInt() != HELLO || hello.getInt() != VERSION) {
                return false;
            }
            out.writeInt(8);
            out.writeInt(TERMINATE);
            out.writeInt(1);
            out.flush();
            ByteBuffer reply = packet(in);
            return reply.remaining() >= 8 && reply.getInt() == OK && reply.getInt() == 1;
        } catch (IOException | CtysException e) {
            return false;
        }
    }

    /** @return one packet's payload, big-endian as the protocol's uint32s */
    private static ByteBuffer packet(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 4 || length > 65_536) {
            throw new IOException("a mux packet of " + length + " bytes");
        }
        return ByteBuffer.wrap(in.readNBytes(length));
    }
}
