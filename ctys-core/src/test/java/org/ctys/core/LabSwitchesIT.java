package org.ctys.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ctys.core.testing.CtysRun;
import org.ctys.core.testing.ScratchDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A lab's switches on two namespace sshd hosts, brought up, checked, repaired and removed from the control host:
 * two switches on one host stay apart (their own sockets and bridges), a killed switch is found by check and
 * mended by create, and cancel leaves nothing on either host.
 */
class LabSwitchesIT extends OnSwitchHosts {

    @BeforeAll
    static void startHosts() throws Exception {
        start(2, "vde_switch");
    }

    @Test
    void switchesComeUpOnEveryHostAreRepairedAndLeaveNothing() throws Exception {
        try (ScratchDirectory scratch = ScratchDirectory.create("ctys-lab-")) {
            Path file = scratch.path().resolve("two.yaml");
            Files.writeString(file, """
                    name: two
                    switches:
                      a: {host: h1}
                      b: {host: h1, bridge: twob}
                      c: {host: h2}
                    """);
            try {
                CtysRun created = lab(file, "create");
                assertEquals(0, created.code(), created.toString());
                assertEquals("""
                        localhost;two;a;switch;h1;two-a;created
                        localhost;two;b;switch;h1;twob;created
                        localhost;two;c;switch;h2;two-c;created
                        """, created.out());
                assertEquals(2, hosts.processes("h1", "vde_switch").lines().count(), "two switches on h1");
                assertTrue(hosts.sh("h1", "ip -o link show type bridge").contains("two-a"));
                assertTrue(hosts.sh("h1", "ip -o link show type bridge").contains("twob"));

                CtysRun again = lab(file, "create");
                assertEquals(0, again.code(), again.toString());
                assertTrue(again.out().lines().allMatch(l -> l.endsWith(";up")), again.out());
                assertEquals(0, lab(file, "check").code());
                assertEquals("localhost;two;h1,h2;3;3;0;0;0;0;up\n", lab(file, "list").out());

                String pid = hosts.processes("h2", "vde_switch");
                hosts.sh("h2", "kill " + pid);
                awaitGone("h2");
                CtysRun broken = lab(file, "check");
                assertEquals(3, broken.code(), broken.toString());
                assertTrue(broken.err().contains("lab two: c on h2 is down"), broken.err());
                assertTrue(broken.out().contains("localhost;two;c;switch;h2;two-c;down"), broken.out());
                CtysRun mended = lab(file, "create");
                assertEquals(0, mended.code(), mended.toString());
                assertEquals("localhost;two;a;switch;h1;two-a;up\nlocalhost;two;b;switch;h1;twob;up\n"
                        + "localhost;two;c;switch;h2;two-c;created\n", mended.out());
                assertEquals(0, lab(file, "check").code());

                // the file drops b: create removes it and keeps the others
                Files.writeString(file, """
                        name: two
                        switches:
                          a: {host: h1}
                          c: {host: h2}
                        """);
                CtysRun dropped = lab(file, "create");
                assertEquals(0, dropped.code(), dropped.toString());
                assertEquals("localhost;two;b;switch;h1;twob;removed\nlocalhost;two;a;switch;h1;two-a;up\n"
                        + "localhost;two;c;switch;h2;two-c;up\n", dropped.out());
                assertEquals(1, hosts.processes("h1", "vde_switch").lines().count());
                assertEquals("localhost;two;h1,h2;2;2;0;0;0;0;up\n", lab(file, "list").out());
            } finally {
                CtysRun cancelled = lab(file, "cancel");
                assertEquals(0, cancelled.code(), cancelled.toString());
            }
            for (String host : List.of("h1", "h2")) {
                assertEquals("", hosts.processes(host, "vde_switch"), host);
                assertEquals("", hosts.sh(host, "ip -o link show | grep -E 'two|tap' || true").strip(), host);
                assertEquals("", hosts.sh(host, "ls " + base + " | grep lab- || true").strip(), host);
            }
            assertTrue(lab(file, "cancel").out().lines().allMatch(l -> l.endsWith(";absent")));
            CtysRun none = lab(file, "list");
            assertEquals("", none.out(), "cancel forgets the lab");
            assertEquals("ctys: localhost: ok: 0 labs\n", none.err());
        }
    }

    @Test
    void cablesThatCloseALoopCarryTrafficWithoutFloodingTheLab() throws Exception {
        try (ScratchDirectory scratch = ScratchDirectory.create("ctys-lab-")) {
            Path file = scratch.path().resolve("ring.yaml");
            String chain = """
                    name: ring
                    switches:
                      a: {host: h1}
                      b: {host: h2}
                      c: {host: h2}
                    cables:
                      - {ends: [a, b], kind: ssh}
                      - {ends: [b, c], kind: ssh}
                    """;
            Files.writeString(file, chain);
            try {
                assertEquals(0, lab(file, "create").code());
                // the cable that closes the loop: the running switches turn their spanning tree on first
                Files.writeString(file, chain + "  - {ends: [c, a], kind: ssh}\n");
                CtysRun created = lab(file, "create");
                assertEquals(0, created.code(), created.toString());
                assertTrue(created.out().endsWith(";c-a;ssh;h2-h1;;started\n"), created.out());
                for (String sw : List.of("h1 a", "h2 b", "h2 c")) {
                    String[] at = sw.split(" ");
                    String info = hosts.sh(at[0], "(echo fstp/showinfo; sleep 0.5) | unixterm " + base
                            + "/lab-ring." + at[1] + ".mgmt 2>&1");
                    assertTrue(info.contains("FSTP=true"), "every switch of a lab with a loop runs its spanning "
                            + "tree: " + sw + ": " + info + created.out());
                }
                hosts.sh("h1", "ip addr add 10.80.0.1/24 dev ring-a");
                hosts.sh("h2", "ip addr add 10.80.0.2/24 dev ring-b");
                String ping = awaitPing("h1", "10.80.0.2");
                assertTrue(ping.contains(" 0% packet loss"), ping);
                // a broadcast that circled the loop would be counted again and again on every bridge
                long before = rxPackets("h1", "ring-a");
                hosts.sh("h1", "ping -b -c 3 -i 0.3 -W 1 10.80.0.255 >/dev/null 2>&1; sleep 2");
                long flooded = rxPackets("h1", "ring-a") - before;
                assertTrue(flooded < 200, flooded + " packets received on ring-a in 3 s: a broadcast storm");
                assertEquals(0, lab(file, "check").code());
            } finally {
                CtysRun cancelled = lab(file, "cancel");
                assertEquals(0, cancelled.code(), cancelled.toString());
            }
            for (String host : List.of("h1", "h2")) {
                assertEquals("", hosts.processes(host, "vde_switch"), host);
                assertEquals("", hosts.processes(host, "vde_plug"), host);
            }
        }
    }

    /** Pings until the spanning tree lets traffic through (a few seconds), or 20 s passed. */
    private static String awaitPing(String host, String address) throws Exception {
        String ping = "";
        for (int i = 0; i < 20 && !ping.contains(" 0% packet loss"); i++) {
            ping = hosts.sh(host, "ping -c 2 -i 0.3 -W 1 " + address + " || true");
        }
        return ping;
    }

    private static long rxPackets(String host, String device) throws Exception {
        return Long.parseLong(hosts.sh(host, "cat /sys/class/net/" + device + "/statistics/rx_packets").strip());
    }

    @Test
    void anSshCableJoinsTwoHostsThatDoNotReachEachOtherAndEmulatesItsLink() throws Exception {
        try (ScratchDirectory scratch = ScratchDirectory.create("ctys-lab-")) {
            Path file = scratch.path().resolve("wire.yaml");
            Files.writeString(file, """
                    name: wire
                    switches:
                      a: {host: h1}
                      c: {host: h2}
                    cables:
                      - {ends: [a, c], kind: ssh, delay: 40ms}
                    """);
            Path pidFile = scratch.path().resolve("state/ctys/labs/wire.a-c.cable.pid");
            String supervisor = "";
            try {
                CtysRun created = lab(file, "create");
                assertEquals(0, created.code(), created.toString());
                assertEquals("localhost;wire;a-c;ssh;h1-h2;40ms;started",
                        created.out().lines().reduce((x, y) -> y).orElseThrow(), created.out());
                hosts.sh("h1", "ip addr add 10.77.0.1/24 dev wire-a");
                hosts.sh("h2", "ip addr add 10.77.0.2/24 dev wire-c");
                // each way through a wirefilter of 40 ms: a round trip is at least 80 ms
                String ping = hosts.sh("h1", "ping -c 3 -i 0.3 -W 5 10.77.0.2 || true");
                assertTrue(ping.contains(" 0% packet loss"), ping);
                double min = Double.parseDouble(ping.replaceAll("(?s).*= ([0-9.]+)/.*", "$1"));
                assertTrue(min >= 80, "rtt min " + min + " ms: " + ping);
                assertEquals(0, lab(file, "check").code());

                supervisor = Files.readString(pidFile).strip();
                assertTrue(alive(supervisor), "the supervisor runs");
                new ProcessBuilder("pkill", "-TERM", "-P", supervisor, "-x", "dpipe").start().waitFor();
                CtysRun again = lab(file, "create");
                assertEquals(0, again.code(), again.toString());
                assertTrue(again.out().contains("localhost;wire;a-c;ssh;h1-h2;40ms;up"), "supervised: "
                        + again.out());
                awaitDpipe(supervisor);
                assertTrue(hosts.sh("h1", "ping -c 1 -W 5 10.77.0.2 || true").contains(" 0% packet loss"));
            } finally {
                CtysRun cancelled = lab(file, "cancel");
                assertEquals(0, cancelled.code(), cancelled.toString());
            }
            assertTrue(!supervisor.isEmpty() && !alive(supervisor), "no supervisor left on the control host");
            for (String host : List.of("h1", "h2")) {
                assertEquals("", hosts.processes(host, "vde_switch"), host);
                assertEquals("", hosts.processes(host, "vde_plug"), host);
            }
            assertEquals(List.of(), Files.list(scratch.path().resolve("state/ctys/labs")).toList(),
                    "no pid file, log or record left");
        }
    }

    @Test
    void aVxlanCableJoinsTheBridgesOfTwoHostsThatReachEachOther() throws Exception {
        try (ScratchDirectory scratch = ScratchDirectory.create("ctys-lab-")) {
            Path file = scratch.path().resolve("vx.yaml");
            Files.writeString(file, """
                    name: vx
                    switches:
                      a: {host: h1}
                      c: {host: h2}
                    cables:
                      - {ends: [a, c], kind: vxlan, port: 8472}
                    """);
            try {
                CtysRun created = lab(file, "create");
                assertEquals(0, created.code(), created.toString());
                String row = created.out().lines().reduce((x, y) -> y).orElseThrow();
                assertTrue(row.matches("localhost;vx;a-c;vxlan;h1-h2;vni [0-9]+;created"), created.out());
                String vni = row.replaceAll(".*;vni ([0-9]+);.*", "$1");
                String device = hosts.sh("h1", "ip -d -o link show type vxlan");
                assertTrue(device.matches("(?s)[0-9]+: vx" + vni + ": .*") && device.contains(" master vx-a ")
                        && device.contains(" dstport 8472 ") && device.contains("alias ctys lab vx cable a-c"), device);
                hosts.sh("h1", "ip addr add 10.78.0.1/24 dev vx-a");
                hosts.sh("h2", "ip addr add 10.78.0.2/24 dev vx-c");
                String ping = hosts.sh("h1", "ping -c 2 -i 0.3 -W 5 10.78.0.2 || true");
                assertTrue(ping.contains(" 0% packet loss"), ping);
                assertEquals(0, lab(file, "check").code());
                assertTrue(lab(file, "create").out().endsWith(";up\n"), "a second create changes nothing");

                hosts.sh("h2", "ip link del vx" + vni);
                CtysRun broken = lab(file, "check");
                assertEquals(3, broken.code(), broken.toString());
                assertTrue(broken.err().contains("cable a-c is down: no device of it on h2"), broken.err());
                CtysRun mended = lab(file, "create");
                assertTrue(mended.out().endsWith(";created\n"), mended.out());
                // the bridge keeps its MAC address when the new device joins it: the neighbours' ARP caches hold
                String again = hosts.sh("h1", "ping -c 3 -i 0.3 -W 5 10.78.0.2 || true");
                assertTrue(again.contains(" 0% packet loss"), again);

                // another tool takes the cable's VNI on the second host while the lab is down: the lab takes another
                assertEquals(0, lab(file, "cancel").code());
                hosts.sh("h2", "ip link add theirs type vxlan id " + vni + " remote 10.78.9.9 dstport 4789");
                CtysRun moved = lab(file, "create");
                assertEquals(0, moved.code(), moved.toString());
                String now = moved.out().lines().reduce((x, y) -> y).orElseThrow().replaceAll(".*;vni ([0-9]+);.*",
                        "$1");
                assertTrue(!now.equals(vni) && hosts.sh("h2", "ip -o link show type vxlan").contains(": vx" + now
                        + ": "), moved.out());
                assertEquals(0, lab(file, "check").code());
            } finally {
                CtysRun cancelled = lab(file, "cancel");
                assertEquals(0, cancelled.code(), cancelled.toString());
            }
            assertTrue(hosts.sh("h2", "ip -o link show type vxlan").contains(": theirs: "), "theirs is left");
            hosts.sh("h2", "ip link del theirs");
            for (String host : List.of("h1", "h2")) {
                assertEquals("", hosts.sh(host, "ip -o link show type vxlan").strip(), host);
                assertEquals("", hosts.processes(host, "vde_switch"), host);
            }
        }
    }

    /** @return whether the process runs and is not a zombie (PID 1 here reaps late) */
    private static boolean alive(String pid) {
        try {
            return !Files.readString(Path.of("/proc", pid, "stat")).matches("(?s).*\\) Z .*");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void awaitDpipe(String supervisor) throws Exception {
        for (int i = 0; i < 100; i++) {
            Process pgrep = new ProcessBuilder("pgrep", "-P", supervisor, "-x", "dpipe").start();
            if (pgrep.waitFor() == 0) {
                Thread.sleep(500);
                return;
            }
            Thread.sleep(100);
        }
    }

    private static void awaitGone(String host) throws Exception {
        for (int i = 0; i < 100 && !hosts.processes(host, "vde_switch").isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertEquals("", hosts.processes(host, "vde_switch"), "the killed switch is gone");
    }
}
