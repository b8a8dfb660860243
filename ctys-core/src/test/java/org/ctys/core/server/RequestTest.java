package org.ctys.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestTest {

    private static Request roundTrip(Request request) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        request.write(new DataOutputStream(bytes));
        return Request.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }

    @Test
    void carriesEverythingOfTheClientUnchanged() throws IOException {
        Request request = new Request("build\nnet 1\n", "ctys-setupVDE", true, "/home/ä ö",
                Map.of("SSH_AUTH_SOCK", "/tmp/ssh-x/agent.1", "EMPTY", "", "MULTI", "a\nb=c"),
                List.of("-t", "CLI", "-a", "create=l:x,cmd:echo%$HOME", "", "h[1-3]"));
        assertEquals(request, roundTrip(request));
    }

    @Test
    void refusesAnotherVersionAndAbsurdLengths() throws IOException {
        assertThrows(IOException.class, () -> Request.read(new DataInputStream(new ByteArrayInputStream(
                new byte[] {0, 0, 0, 9}))));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(1);
        out.writeInt(Integer.MAX_VALUE);   // the fingerprint's length
        IOException error = assertThrows(IOException.class, () -> Request.read(new DataInputStream(
                new ByteArrayInputStream(bytes.toByteArray()))));
        assertEquals("a string of " + Integer.MAX_VALUE + " bytes", error.getMessage());
    }
}
