package org.ctys.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.ctys.core.testing.CtysRun;
import org.ctys.core.testing.ScratchNamespace;
import org.ctys.core.testing.SystemTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code create -i eth0} on a host shaped like a real server: two IPv4 addresses (a primary and a secondary), a
 * global IPv6 address, default routes of both families, a static route with a metric and one in another table. The
 * move keeps the host reachable, and cancel, or a failure inside or after the move, gives the interface back
 * exactly what it had, as {@code ip -j} shows it.
 */
class InterfaceMoveIT {

    private ScratchNamespace server;
    private ScratchNamespace lan;
    @TempDir
    Path work;

    @BeforeEach
    void shapeTheHost() throws Exception {
        SystemTests.requireRootAnd("vde_switch");
        server = ScratchNamespace.create();
        lan = ScratchNamespace.create();
        String peer = "p" + Long.toHexString(System.nanoTime() & 0xffffff);
        server.sh("ip link add eth0 type veth peer name " + peer + " && ip link set " + peer + " netns "
                + lan.name());
        lan.sh("ip link set " + peer + " up && ip addr add 10.198.1.1/24 dev " + peer + " && ip addr add "
                + "fd00:198::1/64 dev " + peer + " nodad");
        server.sh("ip link set eth0 up && ip addr add 10.198.1.2/24 dev eth0 && ip addr add 10.198.1.3/24 dev eth0"
                + " && ip addr add 10.198.1.4/24 dev eth0 label eth0:1"
                + " && ip addr add fd00:198::2/64 dev eth0 nodad && ip route add default via 10.198.1.1"
                + " && ip -6 route add default via fd00:198::1 && ip route add 10.198.50.0/24 via 10.198.1.254 "
                + "metric 50 && ip route add 10.198.60.0/24 via 10.198.1.1 table 100");
        settle();
    }

    @AfterEach
    void removeTheHost() throws Exception {
        try {
            server.close();
        } finally {
            lan.close();
        }
    }

    @Test
    void createMovesEverythingToTheBridgeAndCancelGivesItBackExactly() throws Exception {
        String before = state();
        CtysRun create = setupVde(List.of(), "-i", "eth0", "-b", "ibr0", "create");
        assertEquals(0, create.code(), create.toString());
        String during = server.sh("ip -o addr show dev ibr0; ip route show table all dev ibr0");
        for (String moved : List.of("inet 10.198.1.2/24", "inet 10.198.1.3/24", "ibr0:1", "inet6 fd00:198::2/64",
                "default via 10.198.1.1", "10.198.50.0/24 via 10.198.1.254", "metric 50",
                "10.198.60.0/24 via 10.198.1.1 table 100", "default via fd00:198::1")) {
            assertTrue(during.contains(moved), moved + " is on the bridge: " + during);
        }
        assertEquals("", server.sh("ip -o addr show dev eth0 scope global").strip(), "eth0 keeps no address");
        assertTrue(server.sh("ip -6 neigh flush all; ip neigh flush all; ip -6 route get fd00:198::1; ip route get "
                + "10.198.1.1").contains("dev ibr0"), "the gateways are reached over the bridge");
        Thread.sleep(3000);
        assertTrue(server.sh("ip -o addr show dev ibr0").contains("10.198.1.2/24"), "the move was confirmed: the "
                + "host did not undo it when the safety net ran out");
        assertEquals("", server.sh("ls " + work + "/ctys-0 | grep -v '[.]ctys$' || true").strip(),
                "the safety net cleaned up after itself");
        assertEquals(0, setupVde(List.of(), "check").code());
        server.sh("ip addr del 10.198.1.3/24 dev ibr0; ip addr del 10.198.1.4/24 dev ibr0");
        CtysRun broken = setupVde(List.of(), "check");
        assertEquals(2, broken.code(), broken.toString());
        assertTrue(broken.err().contains("bridge ibr0 lacks eth0's addresses 10.198.1.3/24, 10.198.1.4/24"),
                broken.err());
        CtysRun repair = setupVde(List.of(), "-X", "create");
        assertEquals(0, repair.code(), repair.toString());
        assertTrue(repair.out().strip().endsWith(";repaired: interface in bridge"), repair.out());
        assertEquals(0, setupVde(List.of(), "check").code());
        CtysRun cancel = setupVde(List.of(), "cancel");
        assertEquals(0, cancel.code(), cancel.toString());
        settle();
        assertEquals(before, state(), "the interface has exactly what it had");
    }

    /** The move's batch stops after its first lines (a failure inside it): what it did is undone, exactly. */
    @Test
    void aMoveThatFailsPartWayIsUndoneExactly() throws Exception {
        String before = state();
        for (int lines : new int[] {3, 6, 8, 11}) {
            Path bin = wrapper("ip", "if [ \"$1\" = -batch ]; then { head -n " + lines + "; echo 'link set dev "
                    + "nosuchdev0 up'; cat; } | /usr/sbin/ip \"$@\"; else exec /usr/sbin/ip \"$@\"; fi");
            CtysRun create = setupVde(List.of(bin), "-i", "eth0", "-b", "ibr0", "create");
            assertEquals(3, create.code(), create.toString());
            assertTrue(create.err().contains("undone: create bridge ibr0 over eth0"), create.err());
            settle();
            assertEquals(before, state(), "after a failure at line " + (lines + 1));
        }
    }

    /** The switch cannot start after the move (a failure after it): the interface gets everything back. */
    @Test
    void aFailureAfterTheMoveGivesTheInterfaceBackExactly() throws Exception {
        String before = state();
        Path bin = wrapper("vde_switch", "echo 'vde_switch: injected failure' >&2; exit 1");
        CtysRun create = setupVde(List.of(bin), "-i", "eth0", "-b", "ibr0", "create");
        assertEquals(3, create.code(), create.toString());
        assertTrue(create.err().contains("injected failure"), create.err());
        settle();
        assertEquals(before, state());
    }

    /**
     * ctys is gone right after the move (as when its connection drops there): no one confirms, and the host gives
     * the interface back by itself once the safety net's grace period runs out.
     */
    @Test
    void aMoveNobodyConfirmsIsUndoneByTheHostItself() throws Exception {
        String before = state();
        Path moved = work.resolve("moved");
        Path bin = wrapper("ip", "if [ \"$1\" = -batch ]; then /usr/sbin/ip \"$@\"; r=$?; touch " + moved
                + "; sleep 60; exit $r; else exec /usr/sbin/ip \"$@\"; fi");
        List<String> argv = new ArrayList<>(server.exec());
        argv.addAll(List.of(SystemTests.distribution().resolve("bin/ctys-setupVDE").toString(), "-i", "eth0", "-b",
                "ibr0", "create"));
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(java.util.Map.of("CTYS_SOCKBASE", work.toString(), "PATH", bin + ":"
                + System.getenv("PATH"), "CTYS_VDE_CONFIRM_SECONDS", "4"));
        Process ctys = builder.start();
        for (int i = 0; i < 300 && !Files.exists(moved); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(moved), "the move ran");
        assertTrue(server.sh("ip -o addr show dev ibr0").contains("10.198.1.2/24"), "the addresses moved");
        ctys.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        ctys.destroyForcibly().waitFor();
        for (int i = 0; i < 100 && server.sh("ip -o link show").contains("ibr0"); i++) {
            Thread.sleep(100);
        }
        settle();
        assertEquals(before, state(), "the host gave the interface back by itself");
    }

    /** A DHCP client on the interface would fight the move: refused, unless forced. */
    @Test
    void anInterfaceADhcpClientManagesIsRefusedUnlessForced() throws Exception {
        String before = state();
        Path bin = wrapper("dhclient", "sleep 600");
        Process client = server.start(bin.resolve("dhclient").toString(), "-d", "eth0");
        try {
            for (int i = 0; i < 50 && server.sh("pgrep -x dhclient || true").isBlank(); i++) {
                Thread.sleep(50);
            }
            CtysRun refused = setupVde(List.of(), "-i", "eth0", "-b", "ibr0", "create");
            assertEquals(2, refused.code(), refused.toString());
            assertTrue(refused.err().contains("interface eth0 on localhost is managed by the DHCP client dhclient "
                    + "(pid ") && refused.err().contains("force with -f"), refused.err());
            assertEquals(before, state(), "nothing changed");
            assertEquals(0, setupVde(List.of(), "-i", "eth0", "-b", "ibr0", "-f", "create").code(), "forced");
            assertEquals(0, setupVde(List.of(), "cancel").code());
            settle();
            assertEquals(before, state());
        } finally {
            client.destroyForcibly();
        }
    }

    /**
     * Network managers run in the host's initial namespace, so this test does too, on a veth of its own with no
     * address, and plants the state systemd-networkd and ifupdown keep for an interface they manage: refused (in a
     * dry run, so that nothing is made on the host even if it were not).
     */
    @Test
    void anInterfaceANetworkManagerManagesIsRefused() throws Exception {
        String suffix = Long.toHexString(System.nanoTime() & 0xfffff);
        String iface = "ctysm" + suffix;
        List<Path> planted = new ArrayList<>();
        boolean madeIfstateDirectory = !Files.exists(Path.of("/run/network"));
        SystemTests.run("ip", "link", "add", iface, "type", "veth", "peer", "name", "ctysn" + suffix);
        try {
            String index = Files.readString(Path.of("/sys/class/net", iface, "ifindex")).strip();
            Path networkd = Path.of("/run/systemd/netif/links", index);
            Path ifupdown = Path.of("/run/network", "ifstate." + iface);
            for (Object[] manager : new Object[][] {{networkd, "ADMIN_STATE=configured\n", "systemd-networkd"},
                {ifupdown, iface + "=" + iface + "\n", "ifupdown"}}) {
                Path state = (Path) manager[0];
                if (!Files.isDirectory(state.getParent()) && !state.getParent().equals(Path.of("/run/network"))) {
                    continue;   // no such manager's directory on this machine: nothing to plant into
                }
                Files.createDirectories(state.getParent());
                Files.writeString(state, (String) manager[1]);
                planted.add(state);
                // a dry run decides as the real one does, and makes nothing on this host even if it did not refuse
                List<String> argv = List.of(SystemTests.distribution().resolve("bin/ctys-setupVDE").toString(), "-i",
                        iface, "-b", "ctysb" + suffix, "--dry-run", "create");
                ProcessBuilder builder = new ProcessBuilder(argv);
                builder.environment().put("CTYS_SOCKBASE", work.toString());
                CtysRun refused = CtysRun.process(builder);
                assertEquals(2, refused.code(), refused.toString());
                assertTrue(refused.err().contains("is managed by " + manager[2]), refused.err());
                assertFalse(Files.exists(Path.of("/sys/class/net", "ctysb" + suffix)), "no bridge was made");
                Files.delete(state);
                planted.remove(state);
            }
        } finally {
            for (Path state : planted) {
                Files.deleteIfExists(state);
            }
            if (madeIfstateDirectory) {
                Files.deleteIfExists(Path.of("/run/network"));
            }
            SystemTests.run("ip", "link", "del", iface);
        }
    }

    /** @return a directory with one program of that name, to put first in the PATH */
    private Path wrapper(String program, String body) throws Exception {
        Path bin = Files.createTempDirectory(work, "bin");
        Path script = bin.resolve(program);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    /** Waits until no address of the host is tentative (IPv6 duplicate address detection). */
    private void settle() throws Exception {
        for (int i = 0; i < 50 && server.sh("ip -o addr").contains("tentative"); i++) {
            Thread.sleep(100);
        }
    }

    /** @return the interface's link, addresses and the host's routes in every table, as ip -j prints them */
    private String state() throws Exception {
        return server.sh("ip -j link show dev eth0; ip -j addr show dev eth0; ip -j route show table all");
    }

    private CtysRun setupVde(List<Path> firstInPath, String... args) throws Exception {
        List<String> argv = new ArrayList<>(server.exec());
        argv.add(SystemTests.distribution().resolve("bin/ctys-setupVDE").toString());
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().put("CTYS_SOCKBASE", work.toString());
        builder.environment().put("CTYS_VDE_CONFIRM_SECONDS", "2");
        List<String> path = new ArrayList<>(firstInPath.stream().map(Path::toString).toList());
        path.add(System.getenv("PATH"));
        builder.environment().put("PATH", String.join(":", path));
        return CtysRun.process(builder);
    }
}
