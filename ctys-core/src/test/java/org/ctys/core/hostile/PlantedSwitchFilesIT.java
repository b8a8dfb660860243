package org.ctys.core.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ctys.core.testing.CtysRun;
import org.ctys.core.testing.LocalUser;
import org.ctys.core.testing.ScratchNamespace;
import org.ctys.core.testing.SystemTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Root manages a switch for another local user ({@code -u}) in a shared, sticky socket directory, where that user
 * has planted a pid file naming one of root's processes, a record of a bridge root has, or a record directory of
 * its own. Root acts only on what it can prove it made: every one is refused with one line, and nothing of root's
 * is touched.
 */
class PlantedSwitchFilesIT {

    private LocalUser mallory;
    private ScratchNamespace namespace;
    private Path base;
    private Process victim;

    @BeforeEach
    void setUp() throws Exception {
        SystemTests.requireRootAnd("vde_switch");
        mallory = LocalUser.create();
        namespace = ScratchNamespace.create();
        base = mallory.sharedDirectory();
        // one of root's processes, and one of root's bridges, in the namespace
        victim = namespace.start("sleep", "600");
        namespace.sh("ip link add victimbr type bridge");
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            victim.destroyForcibly();
            namespace.close();
        } finally {
            mallory.close();
        }
    }

    @Test
    void aPlantedPidFileIsNeverKilledNotEvenWhenForced() throws Exception {
        mallory.sh("echo " + victim.pid() + " > " + base + "/vde_mgmt0." + mallory.name() + ".pid");
        CtysRun cancel = root("-t", "VDE", "-a", "cancel=f,u:" + mallory.name());
        assertRefused(cancel, "refusing the pid file " + base + "/vde_mgmt0." + mallory.name() + ".pid (owner "
                + mallory.name() + "): process " + victim.pid() + " is not the switch");
        CtysRun create = root("-t", "VDE", "-a", "create=u:" + mallory.name());
        assertRefused(create, "refusing the pid file");
        Thread.sleep(200);
        assertTrue(victim.isAlive(), "root's process was killed");
        assertFalse(namespace.sh("ip -br link").contains("ctysbr0"), "nothing was made");
    }

    @Test
    void aRecordPlantedBesideTheSocketsIsNotRead() throws Exception {
        mallory.sh("printf 'tap=tapdeadbeef\\nbridge=victimbr\\nbridgecreated=yes\\niface=lo\\nifaddrs=10.9.9.9/8\\n"
                + "ifroutes=default via 10.9.9.1\\nuser=" + mallory.name() + "\\ngroup=" + mallory.name() + "\\n' > "
                + base + "/vde_mgmt0." + mallory.name() + ".ctys");
        String before = namespace.sh("ip -j addr; ip -j route");
        CtysRun cancel = root("-t", "VDE", "-a", "cancel=f,u:" + mallory.name());
        assertEquals(0, cancel.code(), cancel.toString());
        assertTrue(namespace.sh("ip -br link").contains("victimbr"), "root's bridge was deleted");
        assertEquals(before, namespace.sh("ip -j addr; ip -j route"), "addresses or routes changed");
    }

    @Test
    void aSquattedRecordDirectoryIsRefusedNamingItsOwner() throws Exception {
        String directory = base + "/ctys-0";
        mallory.sh("mkdir -m 777 " + directory + " && printf 'mgmt=" + base + "/vde_mgmt0.root\\ntap=tapdeadbeef\\n"
                + "bridge=victimbr\\nbridgecreated=yes\\nuser=root\\ngroup=root\\n' > " + directory + "/any.ctys");
        for (String action : List.of("create", "cancel", "check")) {
            CtysRun run = root("-t", "VDE", "-a", action);
            assertRefused(run, "refusing the record directory " + directory + ": it is a directory of "
                    + mallory.name() + " with mode 777");
        }
        assertTrue(namespace.sh("ip -br link").contains("victimbr"), "root's bridge was deleted");
        assertFalse(namespace.sh("ip -br link").contains("ctysbr0"), "nothing was made");
    }

    @Test
    void aSwitchOfTheUserIsStillMadeAndRemovedWholeBesideItsFiles() throws Exception {
        CtysRun create = root("-t", "VDE", "-a", "create=u:" + mallory.name(), "-X");
        assertEquals(0, create.code(), create.toString());
        assertTrue(create.out().strip().endsWith(";created"), create.out());
        assertEquals("700 root", namespace.sh("stat -c '%a %U' " + base + "/ctys-0").strip(),
                "root's records are in a directory only root can write");
        CtysRun cancel = root("-t", "VDE", "-a", "cancel=u:" + mallory.name());
        assertEquals(0, cancel.code(), cancel.toString());
        assertEquals("", namespace.sh("ls -A " + base).strip(), "nothing left in the socket directory");
    }

    private static void assertRefused(CtysRun run, String message) {
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().contains(message), run.err());
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
    }

    /** Runs the distribution's ctys as root in the namespace, with the shared directory as socket base. */
    private CtysRun root(String... args) throws Exception {
        List<String> argv = new ArrayList<>(namespace.exec());
        argv.add(SystemTests.distribution().resolve("bin/ctys").toString());
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().put("CTYS_SOCKBASE", base.toString());
        return CtysRun.process(builder);
    }
}
