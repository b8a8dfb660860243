package org.ctys.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ctys.core.testing.CtysRun;
import org.ctys.core.testing.ScratchDirectory;
import org.ctys.core.testing.ScratchNamespace;
import org.ctys.core.testing.SystemTests;
import org.junit.jupiter.api.Test;

/**
 * One definition of a healthy switch, and a create that converges on it: whatever was broken by hand, create
 * repairs just that and says what, and then check exits 0. Two network namespaces that share a socket directory
 * never take each other's switch for their own. Random sequences: {@link ConvergencePropertyIT}.
 */
class ConvergenceIT {

    @Test
    void createSaysWhatItRepaired() throws Exception {
        SystemTests.requireRootAnd("vde_switch");
        try (ScratchDirectory scratch = ScratchDirectory.create("ctys-converge-");
             ScratchNamespace host = ScratchNamespace.create()) {
            Path base = scratch.path();
            assertEquals(0, ctys(host, base, "create").code());
            String tap = tapOf(host, base);
            for (String[] breakage : new String[][] {
                {"ip link set dev ctysbr0 down", "repaired: bridge up"},
                {"ip link set dev " + tap + " nomaster", "repaired: tap in bridge"},
                {"ip link del dev ctysbr0", "repaired: bridge"},
                {"ip link del dev " + tap, "repaired: tap, switch"},
                {"kill -9 $(cat " + base + "/vde_mgmt0.root.pid); sleep 0.2", "repaired: switch"},
                {"rm " + base + "/ctys-0/" + tap + ".ctys", "repaired: record"}}) {
                host.sh(breakage[0]);
                CtysRun check = ctys(host, base, "check");
                assertEquals(2, check.code(), breakage[0] + ": " + check);
                CtysRun create = ctys(host, base, "create", "-X");
                assertEquals(0, create.code(), breakage[0] + ": " + create);
                assertTrue(create.out().strip().endsWith(";" + breakage[1]), breakage[0] + ": " + create.out());
                assertEquals(0, ctys(host, base, "check").code(), breakage[0]);
                assertTrue(ctys(host, base, "create", "-X").out().strip().endsWith(";up"), "then it is up");
            }
            assertEquals(0, ctys(host, base, "cancel").code());
        }
    }

    /** Two namespaces of one host share the socket directory: neither reports, reuses or stops the other's. */
    @Test
    void aSwitchOfAnotherNamespaceIsNeverTakenForThisOnes() throws Exception {
        SystemTests.requireRootAnd("vde_switch");
        try (ScratchDirectory scratch = ScratchDirectory.create("ctys-converge-");
             ScratchNamespace first = ScratchNamespace.create(); ScratchNamespace second = ScratchNamespace.create()) {
            Path base = scratch.path();
            assertEquals(0, ctys(first, base, "create").code());
            String pid = Files.readString(base.resolve("vde_mgmt0.root.pid")).strip();
            for (String action : List.of("create", "check", "cancel", "cancel=f")) {
                CtysRun run = ctys(second, base, action);
                assertEquals(2, run.code(), action + ": " + run);
                assertTrue(run.err().contains("network namespace") && run.err().contains("-S"), run.err());
                assertEquals(1, run.err().lines().count(), run.err());
            }
            for (String list : List.of("list", "listall")) {
                CtysRun none = ctys(second, base, list, "-X");
                assertEquals("", none.out(), list + " in the second namespace reports none");
                assertTrue(none.err().endsWith(": ok: 0 switches\n"), none.err());
            }
            assertTrue(ctys(first, base, "list", "-X").out().endsWith(";healthy\n"), "the first reports its own");
            assertEquals("", second.sh("ip -o link show | grep -E 'tap|ctysbr0' || true").strip(),
                    "nothing was made in the second namespace");
            assertEquals(0, ctys(first, base, "check").code(), "the first namespace's switch is untouched");
            assertEquals(pid, Files.readString(base.resolve("vde_mgmt0.root.pid")).strip());
            CtysRun own = ctys(second, base, "create=mgmt:" + base + "/second.mgmt,sock:" + base + "/second.sock");
            assertEquals(0, own.code(), "other sockets make the second namespace its own switch: " + own);
            assertEquals(0, ctys(second, base, "cancel=mgmt:" + base + "/second.mgmt,sock:" + base + "/second.sock")
                    .code());
            assertEquals(0, ctys(first, base, "cancel").code());
        }
    }

    /** @return the switch's tap as ctys names it (the one tap in the namespace), or empty */
    static String tapOf(ScratchNamespace host, Path base) throws Exception {
        return host.sh("ls /sys/class/net | grep '^tap' || true").strip();
    }

    /** @return what of a switch is in the namespace or its socket directory: links, processes, files */
    static String leftovers(ScratchNamespace host, Path base) throws Exception {
        return host.sh("ip -o link show | grep -oE '(tap[0-9a-f]{8}|ctysbr0)' || true; ls -A " + base + "; "
                + "for p in $(pgrep -x vde_switch); do [ \"$(readlink /proc/$p/ns/net)\" = \"$(readlink "
                + "/proc/self/ns/net)\" ] && ! grep -q '^State:.*Z' /proc/$p/status && echo switch $p; done; true")
                .strip();
    }

    static CtysRun ctys(ScratchNamespace host, Path base, String action, String... more) throws Exception {
        List<String> argv = new ArrayList<>(host.exec());
        argv.addAll(List.of(SystemTests.distribution().resolve("bin/ctys").toString(), "-t", "VDE", "-a", action));
        argv.addAll(List.of(more));
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().put("CTYS_SOCKBASE", base.toString());
        return CtysRun.process(builder);
    }
}
