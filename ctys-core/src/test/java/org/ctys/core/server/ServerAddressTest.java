package org.ctys.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's directory: the JVM client and the launcher's shell must name the same one. */
class ServerAddressTest {

    @TempDir
    Path work;

    @Test
    void theControlGroupKeyIsTheDjb2HashOfTheFilesBytes() throws Exception {
        Path cgroup = Files.writeString(work.resolve("cgroup"), "0::/user.slice/user-0.slice/session-4.scope\n");
        assertEquals("4ead6904", ServerAddress.controlGroupKey(cgroup));
        assertEquals("00001505", ServerAddress.controlGroupKey(work.resolve("none")), "unreadable: no bytes");
    }

    @Test
    void theLaunchersShellMakesTheSameKey() throws Exception {
        Path launcher = Path.of("src/main/dist/bin/ctys");
        // the launcher's function alone, run by bash in this process's control groups
        String function = Files.readString(launcher).replaceAll("(?s).*?(cgroup_key\\(\\) \\{.*?\\n\\}\\n).*", "$1");
        assertTrue(function.startsWith("cgroup_key() {"), function);
        Process bash = new ProcessBuilder(List.of("bash", "-c", function + "cgroup_key; echo \"$key\""))
                .redirectErrorStream(true).start();
        String key = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, bash.waitFor());
        assertEquals(ServerAddress.controlGroupKey(Path.of("/proc/self/cgroup")), key);
    }
}
