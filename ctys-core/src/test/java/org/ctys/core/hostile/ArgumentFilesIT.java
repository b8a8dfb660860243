package org.ctys.core.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ctys.core.testing.CtysRun;
import org.ctys.core.testing.LocalUser;
import org.ctys.core.testing.SystemTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Another local user plants a file named like a group in a directory root works in. {@code @lab} must stay a group
 * for both faces: picocli's argument files would read the planted options (here an ssh configuration whose
 * ProxyCommand runs as root).
 */
class ArgumentFilesIT {

    private LocalUser mallory;
    private Path dir;
    private Path pwned;

    @BeforeEach
    void plant() throws Exception {
        mallory = LocalUser.create();
        dir = mallory.sharedDirectory();
        pwned = dir.resolve("pwned");
        mallory.sh("cd " + dir + " && printf 'Host *\\n  ProxyCommand sh -c \"id > " + pwned + "\"\\n' > evil.cfg"
                + " && printf '%s\\n' --ssh-config " + dir + "/evil.cfg somehost > lab"
                + " && printf '%s\\n' --ssh-config " + dir + "/evil.cfg -r somehost check > vde");
    }

    @AfterEach
    void remove() throws Exception {
        mallory.close();
    }

    @Test
    void anAtArgumentOfCtysIsAGroupNeverAFileOfOptions() throws Exception {
        CtysRun run = root("ctys", "-t", "CLI", "-a", "create=l:up,cmd:uptime", "@lab");
        assertFalse(Files.exists(pwned), "the planted ProxyCommand ran as root: " + run);
        assertEquals(2, run.code(), "a group that does not exist is a missing environment element: " + run);
        assertTrue(run.err().contains("no group 'lab'"), run.err());
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
    }

    @Test
    void anAtArgumentOfCtysSetupVdeIsNeverAFileOfOptions() throws Exception {
        CtysRun run = root("ctys-setupVDE", "@vde");
        assertFalse(Files.exists(pwned), "the planted ProxyCommand ran as root: " + run);
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.err().contains("'@vde'"), run.err());
    }

    /** Runs a face of the distribution as root in the planted directory, with no groups configured. */
    private CtysRun root(String face, String... args) throws Exception {
        Path dist = SystemTests.distribution();
        List<String> argv = new ArrayList<>(List.of(dist.resolve("bin").resolve(face).toString()));
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile());
        builder.environment().putAll(Map.of("CTYS_GROUPS_PATH", dir.resolve("no-groups").toString(),
                "CTYS_PLUGINS_PATH", ""));
        return CtysRun.process(builder);
    }
}
