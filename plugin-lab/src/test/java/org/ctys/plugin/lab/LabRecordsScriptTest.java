package org.ctys.plugin.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.ctys.api.exec.Command;
import org.ctys.spi.support.Scripts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The records script run by the real sh: what it keeps, and the directories it refuses to trust. */
class LabRecordsScriptTest {

    private final Path state;

    LabRecordsScriptTest() throws IOException {
        state = Files.createTempDirectory("ctys-lab-state");
    }

    @AfterEach
    void remove() throws IOException {
        try (Stream<Path> paths = Files.walk(state)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private record Run(int code, String out, String err) {
    }

    private Run records(String stdin, String... args) throws Exception {
        Command command = Scripts.command(LabRecords.class, "records.sh", args);
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command.argv()));
        builder.environment().put("XDG_STATE_HOME", state.toString());
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), out, err);
    }

    @Test
    void keepsOnePrivateCopyPerLab() throws Exception {
        assertEquals(3, records("", "read", "bl").code(), "none yet");
        assertEquals(0, records("name: bl\n", "write", "bl").code());
        Path dir = state.resolve("ctys/labs");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("bl.yaml"))));
        assertEquals("name: bl\n", records("", "read", "bl").out());
        records("name: x\n", "write", "x");
        assertEquals("bl\0name: bl\n\0x\0name: x\n\0", records("", "list").out());
        assertEquals(0, records("", "remove", "bl").code());
        assertEquals("x\0name: x\n\0", records("", "list").out());
    }

    @Test
    void refusesADirectoryOthersMayWriteAndFollowsNoLink() throws Exception {
        records("name: bl\n", "write", "bl");
        Path dir = state.resolve("ctys/labs");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Run planted = records("", "read", "bl");
        assertEquals(4, planted.code());
        assertTrue(planted.err().contains("may be written by others"), planted.err());
        assertEquals(4, records("name: evil\n", "write", "bl").code(), "nor is anything written there");

        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Path real = Files.move(dir, state.resolve("elsewhere"));
        Files.createSymbolicLink(dir, real);
        assertEquals(3, records("", "read", "bl").code(), "a link is not the records directory");
        assertEquals(List.of(), List.of(records("", "list").out()).stream().filter(o -> !o.isEmpty()).toList());
    }
}
