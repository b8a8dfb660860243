package org.ctys.core.server;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One command a client hands to the server: everything of the client's process that the command may depend on.
 *
 * @param installation the client's {@link Installation#fingerprint()}: a server of another build or JVM declines
 * @param face {@code ctys} or {@code ctys-setupVDE}
 * @param interactive whether the client's standard error is a terminal
 * @param directory the client's working directory
 * @param environment the client's environment variables
 * @param args the command line
 */
record Request(String installation, String face, boolean interactive, String directory,
               Map<String, String> environment, List<String> args) {

    /** Increased whenever the encoding changes: a client and server of different builds never meet anyway. */
    private static final int VERSION = 1;

    /** The largest string either side accepts (a command line, an environment value). */
    private static final int MAX_STRING = 1 << 20;

    Request {
        environment = Map.copyOf(environment);
        args = List.copyOf(args);
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(VERSION);
        writeString(out, installation);
        writeString(out, face);
        out.writeBoolean(interactive);
        writeString(out, directory);
        out.writeInt(environment.size());
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            writeString(out, variable.getKey());
            writeString(out, variable.getValue());
        }
        out.writeInt(args.size());
        for (String arg : args) {
            writeString(out, arg);
        }
        out.flush();
    }

    static Request read(DataInputStream in) throws IOException {
        if (in.readInt() != VERSION) {
            throw new IOException("a client of another protocol version");
        }
        String installation = readString(in);
        String face = readString(in);
        boolean interactive = in.readBoolean();
        String directory = readString(in);
        int variables = count(in);
        Map<String, String> environment = new LinkedHashMap<>();
        for (int i = 0; i < variables; i++) {
            environment.put(readString(in), readString(in));
        }
        int count = count(in);
        String[] args = new String[count];
        for (int i = 0; i < count; i++) {
            args[i] = readString(in);
        }
        return new Request(installation, face, interactive, directory, environment, List.of(args));
    }

    private static int count(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > 100_000) {
            throw new IOException("a count of " + count);
        }
        return count;
    }

    static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_STRING) {
            throw new IOException("a string of " + length + " bytes");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
