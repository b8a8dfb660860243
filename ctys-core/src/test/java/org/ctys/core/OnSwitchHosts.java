package org.ctys.core;

import java.nio.file.Path;
import org.ctys.core.testing.CtysRun;
import org.ctys.core.testing.SystemTests;
import org.ctys.core.testing.TestHosts;
import org.junit.jupiter.api.AfterAll;

/**
 * The fixture of the system tests that make VDE switches on namespace sshd hosts: the distribution under test, the
 * hosts (each with its own socket base), and ctys run against them. A test class starts its hosts in its own
 * {@code @BeforeAll} with {@link #start}; they are removed after its last test, also when one failed. Test classes
 * run one after the other, so one set of static fields serves them all.
 */
abstract class OnSwitchHosts {

    /** The hosts of the running test class. */
    static TestHosts hosts;
    /** The distribution under test. */
    static Path dist;
    /** Each host's socket base, the same path on every host. */
    static String base;

    /**
     * @param count how many hosts
     * @param programs what the test needs besides root, e.g. {@code vde_switch}
     */
    static void start(int count, String... programs) throws Exception {
        dist = SystemTests.distribution();
        SystemTests.requireRootAnd(programs);
        hosts = TestHosts.start(count);
        base = hosts.hostDirectory().toString();
    }

    @AfterAll
    static void stopHosts() throws Exception {
        if (hosts != null) {
            hosts.close();
            hosts = null;
        }
    }

    /**
     * Runs a LAB action with the lab records ({@code state}) and guest definitions ({@code vms}) in the file's
     * directory, not in the home of the user running it.
     *
     * @param action {@code list}, or an action that takes the file
     * @param format {@code -X} or {@code --json}
     */
    static CtysRun lab(Path file, String action, String format) throws Exception {
        java.util.Map<String, String> environment = new java.util.HashMap<>(hosts.environment());
        environment.put("XDG_STATE_HOME", file.getParent().resolve("state").toString());
        environment.put("CTYS_VM_PATH", file.getParent().resolve("vms").toString());
        return CtysRun.launcher(dist, environment, "ctys", "-t", "LAB", "-a",
                action.equals("list") ? action : action + "=f:" + file, format);
    }

    /** @return {@link #lab(Path, String, String)} with {@code -X} */
    static CtysRun lab(Path file, String action) throws Exception {
        return lab(file, action, "-X");
    }

    /** @return ctys run against the hosts, with their ssh configuration and socket base */
    static CtysRun ctys(String... args) throws Exception {
        return CtysRun.launcher(dist, hosts.environment(), "ctys", args);
    }
}
