package org.ctys.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ctys.core.testing.CtysRun;
import org.ctys.core.testing.OutputSchemas;
import org.ctys.core.testing.SystemTests;
import org.ctys.core.testing.TestHosts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * QEMU and KVM guests on the VDE switches of sshd hosts in network namespaces: real qemu-system-x86_64 (TCG, and
 * KVM where /dev/kvm works), real iPXE asking dnsmasq on the bridge for a lease through vde_switch, tap and bridge.
 * Each outcome is checked on the host itself, not only through ctys.
 */
class QemuIT {

    private static final Path GOLDEN = Path.of("..", "plugin-qemu", "src", "test", "resources", "golden");
    private static final String BRIDGE_NET = "10.199.250";

    private static TestHosts hosts;
    private static Path dist;
    private static String base;
    private static Path vms;

    @BeforeAll
    static void startHosts() throws Exception {
        dist = SystemTests.distribution();
        SystemTests.requireRootAnd("vde_switch", "qemu-system-x86_64", "dnsmasq");
        hosts = TestHosts.start(3);
        base = hosts.hostDirectory().toString();
        vms = Files.createTempDirectory("ctys-qemu-it");
        Files.setPosixFilePermissions(vms, PosixFilePermissions.fromString("rwxr-xr-x"));
        definition("pxe1.yaml", Files.readString(GOLDEN.resolve("pxe1.yaml")));
        definition("pxe2.yaml", "label: pxe2\nmemory: 64\nnics:\n  - mac: 52:54:00:c7:00:02\n    model: e1000\n");
    }

    private static void definition(String name, String text) throws IOException {
        Path file = vms.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    @AfterAll
    static void stopHosts() throws Exception {
        try {
            if (hosts != null) {
                hosts.close();
            }
        } finally {
            if (vms != null) {
                try (var files = Files.list(vms)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
                Files.delete(vms);
            }
        }
    }

    /** Whatever a test left: guests stopped the hard way, dnsmasq ended by its pid file, switches cancelled. */
    @AfterEach
    void cleanUp() throws Exception {
        for (String host : hosts.names()) {
            hosts.sh(host, "for p in " + base + "/ctys-vm.*.pid " + base + "/dnsmasq.pid; do [ -f \"$p\" ] && "
                    + "kill -9 $(cat \"$p\"); done; rm -f " + base + "/ctys-vm.* " + base + "/dnsmasq.* " + base
                    + "/leases; sleep 0.3");
        }
        ctys("-t", "VDE", "-a", "cancel=f", "h1", "h2", "h3");
        ctys("-t", "VDE", "-a", "cancel=f", "-Z", "SUDO", hosts.user() + "@h2");
    }

    private static CtysRun ctys(String... args) throws Exception {
        return ctysWith(Map.of(), args);
    }

    private static CtysRun ctysWith(Map<String, String> extra, String... args) throws Exception {
        Map<String, String> environment = new HashMap<>(Map.of("CTYS_SSH_CONFIG", hosts.sshConfig().toString(),
                "CTYS_SOCKBASE", base, "CTYS_VM_PATH", vms.toString()));
        environment.putAll(extra);
        return CtysRun.launcher(dist, environment, "ctys", args);
    }

    /** Runs dnsmasq on the host's ctysbr0, as the admin's DHCP server on the bridge. */
    private static void dhcpOn(String host) throws Exception {
        hosts.sh(host, "ip addr add " + BRIDGE_NET + ".1/24 dev ctysbr0 && dnsmasq --conf-file=/dev/null --port=0 "
                + "--user=root --interface=ctysbr0 --bind-interfaces --except-interface=lo --dhcp-range=" + BRIDGE_NET
                + ".100," + BRIDGE_NET + ".150,255.255.255.0,1h --dhcp-authoritative --log-dhcp --dhcp-leasefile="
                + base + "/leases --pid-file=" + base + "/dnsmasq.pid --log-facility=" + base + "/dnsmasq.log");
    }

    private static boolean leased(String host, String mac, int seconds) throws Exception {
        for (int i = 0; i < seconds * 2; i++) {
            if (hosts.sh(host, "grep -c 'DHCPACK.*" + mac + "' " + base + "/dnsmasq.log").strip().matches("[1-9]\\d*")) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    private static String pidOf(String host, String user, String label) throws Exception {
        return hosts.sh(host, "cat " + base + "/ctys-vm." + user + "." + label + ".pid").strip();
    }

    /** The running QEMU's argv, as the kernel has it. */
    private static List<String> cmdline(String host, String pid) throws Exception {
        return hosts.sh(host, "tr '\\0' '\\n' < /proc/" + pid + "/cmdline").lines().toList();
    }

    private static List<String> golden(String name, String user) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(GOLDEN.resolve(name))) {
            lines.add(line.replace("@BASE@", base).replace("@USER@", user));
        }
        return lines;
    }

    @Test
    void twoGuestsGetLeasesThroughTheSwitchAreListedAndStopWithinTheirDeadlines() throws Exception {
        assertEquals(0, ctys("-t", "VDE", "-a", "create", "h1").code());
        dhcpOn("h1");
        CtysRun create = ctys("-t", "QEMU", "-a", "create=l:pxe1", "-X", "h1");
        assertEquals(0, create.code(), create.err());
        String pid = pidOf("h1", "root", "pxe1");
        assertEquals("h1;pxe1;running;" + pid + ";root;52:54:00:c7:00:01;" + base + "/vde_switch0.root;" + base
                + "/ctys-vm.root.pxe1.qmp;tcg\n", create.out());
        assertEquals(0, ctys("-t", "QEMU", "-a", "create=l:pxe2", "h1").code());
        assertEquals(golden("qemu-pxe1.argv", "root"), cmdline("h1", pid), "the golden command line runs");

        CtysRun again = ctys("-t", "QEMU", "-a", "create=l:pxe1", "h1");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("running") && again.out().contains(pid), again.out());
        assertEquals(1, hosts.sh("h1", "pgrep -c -f 'process=ctys-pxe1'").strip().length(), "not started twice");

        CtysRun list = ctys("-t", "QEMU", "-a", "list", "--json", "h1");
        assertTrue(list.out().contains("\"label\" : \"pxe1\"") && list.out().contains("\"label\" : \"pxe2\""),
                list.out());
        CtysRun ports = ctys("-t", "VDE", "-a", "ports", "h1");
        assertEquals(2, ports.out().lines().filter(l -> l.contains("QEMU user=root")).count(), ports.out());
        CtysRun cut = ctys("-t", "VDE", "-a", "cancel", "h1");
        assertEquals(1, cut.code(), "the switch is not cut from its guests: " + cut.err());
        assertTrue(cut.err().contains("attached VM port(s)"), cut.err());

        assertTrue(leased("h1", "52:54:00:c7:00:01", 60), "pxe1 got a lease through vde_switch, tap and bridge");
        assertTrue(leased("h1", "52:54:00:c7:00:02", 60), "pxe2 too");
        assertTrue(hosts.sh("h1", "ip neigh show dev ctysbr0").contains("52:54:00:c7:00:01"));

        long start = System.nanoTime();
        CtysRun cancel = ctys("-t", "QEMU", "-a", "cancel=l:pxe1,timeout:2", "-X", "h1");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, cancel.code(), cancel.err());
        // iPXE has no ACPI: power-down times out after 2 s, quit ends it
        assertEquals("h1;pxe1;" + pid + ";quit\n", cancel.out());
        assertTrue(seconds < 2 + 5 + 6 + 3, "within its stages' deadlines: " + seconds);
        String after = hosts.sh("h1", "ls " + base + "; [ -e /proc/" + pid + " ] && sed 's/.*) //' /proc/" + pid
                + "/stat | cut -c1");
        assertFalse(after.contains("ctys-vm.root.pxe1"), "no socket, pid or state file left: " + after);
        assertFalse(after.contains("R") || after.contains("S"), "the process is gone: " + after);
        assertTrue(after.contains("ctys-vm.root.pxe2"), "the other guest runs on: " + after);
        CtysRun force = ctys("-t", "QEMU", "-a", "cancel=l:pxe2,force", "-X", "h1");
        assertTrue(force.out().endsWith(";quit\n"), force.out() + force.err());
        CtysRun none = ctys("-t", "QEMU", "-a", "list", "-X", "h1");
        assertEquals("", none.out(), "-X prints records only");
        assertEquals("ctys: h1: ok: 0 guests running\n", none.err());
        assertEquals(0, ctys("-t", "VDE", "-a", "cancel", "h1").code(), "without guests the switch goes");
    }

    @Test
    void anUnprivilegedUsersGuestOnASwitchCreatedOnDemandThroughSudo() throws Exception {
        String user = hosts.user();
        CtysRun create = ctys("-t", "QEMU", "-a", "create=l:pxe1,with-switch", "-Z", "SUDO", "-X", user + "@h2");
        assertEquals(0, create.code(), create.err());
        String pid = pidOf("h2", user, "pxe1");
        assertTrue(create.out().startsWith(user + "@h2;pxe1;running;" + pid + ";" + user + ";"), create.out());
        String owner = hosts.sh("h2", "ps -o user= -p " + pid + "; stat -c '%U %a' " + base + "/ctys-vm." + user
                + ".pxe1.qmp " + base + "/ctys-vm." + user + ".pxe1.pid");
        assertTrue(owner.startsWith(user), "QEMU runs as the user, not as root: " + owner);
        assertTrue(owner.contains(user + " 600"), "the pid file is the user's only: " + owner);
        assertEquals(golden("qemu-pxe1.argv", user), cmdline("h2", pid));
        CtysRun ports = ctys("-t", "VDE", "-a", "ports", "-Z", "SUDO", user + "@h2");
        assertTrue(ports.out().contains("QEMU user=" + user), ports.out());
        CtysRun cancel = ctys("-t", "QEMU", "-a", "cancel=l:pxe1,force", "-X", user + "@h2");
        assertEquals(0, cancel.code(), cancel.err());
        assertFalse(hosts.sh("h2", "ls " + base).contains("ctys-vm."), "nothing left");
    }

    @Test
    void oneCallStartsTheGuestOnThreeHostsAndOneStopsThemAll() throws Exception {
        CtysRun create = ctys("-t", "QEMU", "-a", "create=l:pxe1,with-switch", "-X", "h1", "h2", "h3");
        assertEquals(0, create.code(), create.err());
        assertEquals(3, create.out().lines().filter(l -> l.matches(".*;pxe1;running;[0-9]+;root;.*")).count(),
                create.out());
        for (String host : hosts.names()) {
            assertFalse(pidOf(host, "root", "pxe1").isEmpty(), host);
        }
        CtysRun list = ctys("-t", "QEMU", "-a", "list", "-X", "h1", "h2", "h3");
        assertEquals(3, list.out().lines().count(), list.out());
        CtysRun cancel = ctys("-t", "QEMU", "-a", "cancel=l:pxe1,force", "-X", "h1", "h2", "h3");
        assertEquals(0, cancel.code(), cancel.err());
        assertEquals(3, cancel.out().lines().filter(l -> l.endsWith(";quit")).count(), cancel.out());
    }

    /** What scripts read: every QEMU and KVM record held to docs/OUTPUT.md, with no, one and several guests. */
    @Test
    void recordsAreTheDocumentedOnesWithNoOneAndSeveralGuestsOnTwoHosts() throws Exception {
        OutputSchemas schemas = OutputSchemas.read();
        for (String type : List.of("QEMU", "KVM")) {
            CtysRun none = ctys("-t", type, "-a", "list", "-X", "h1", "h2");
            assertEquals("", none.out(), "-X prints records only");
            assertEquals(0, schemas.check(type + " list", ctys("-t", type, "-a", "list", "--json", "h1", "h2")));
            String fallback = type.equals("KVM") ? ",tcg-fallback" : "";
            assertEquals(1, schemas.check(type + " create", ctys("-t", type, "-a", "create=l:pxe1,with-switch"
                    + fallback, "--json", "h1")));
            assertEquals(1, schemas.check(type + " list", ctys("-t", type, "-a", "list", "--json", "h1", "h2")));
            assertEquals(2, schemas.check(type + " create", ctys("-t", type, "-a", "create=l:pxe2,with-switch"
                    + fallback, "--json", "h1", "h2")));
            CtysRun three = ctys("-t", type, "-a", "list", "--json", "h1", "h2");
            assertEquals(3, schemas.check(type + " list", three));
            assertEquals(List.of("h1;pxe1", "h1;pxe2", "h2;pxe2"), ctys("-t", type, "-a", "list", "-X", "h1", "h2")
                    .out().lines().map(l -> l.substring(0, l.indexOf(';', 3))).sorted().toList());
            assertEquals(4, schemas.check(type + " enumerate", ctys("-t", type, "-a", "enumerate", "--json", "h1",
                    "h2")));
            assertEquals(1, schemas.check(type + " cancel", ctys("-t", type, "-a", "cancel=l:pxe1,force", "--json",
                    "h1")));
            assertEquals(2, schemas.check(type + " cancel", ctys("-t", type, "-a", "cancel=l:pxe2,force", "--json",
                    "h1", "h2")));
        }
    }

    @Test
    void twoCreatesOfOneGuestAtOnceStartItAndItsSwitchOnce() throws Exception {
        List<Process> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/ctys").toString(), "-t", "QEMU", "-a",
                    "create=l:pxe1,with-switch", "h1").redirectErrorStream(true);
            builder.environment().putAll(Map.of("CTYS_SSH_CONFIG", hosts.sshConfig().toString(), "CTYS_SOCKBASE",
                    base, "CTYS_VM_PATH", vms.toString()));
            runs.add(builder.start());
        }
        List<String> outs = new ArrayList<>();
        for (Process run : runs) {
            outs.add(new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(0, run.waitFor(), outs.toString());
        }
        // the second, under the host's lock, finds the first's guest running and leaves it as it is
        assertTrue(outs.stream().allMatch(o -> o.contains(" pxe1 ") && o.contains(" running ")), outs.toString());
        // a guest's process is named after its label (-name process=)
        assertEquals(1, hosts.processes("h1", "ctys-pxe1").lines().count(), "one guest: " + outs);
        assertEquals(1, hosts.processes("h1", "vde_switch").lines().count(), "one switch: " + outs);
        assertEquals(0, ctys("-t", "QEMU", "-a", "cancel=l:pxe1,force", "h1").code());
    }

    @Test
    void aMissingSwitchOrQemuIsExitTwoWithTheFixAndLeavesNothing() throws Exception {
        CtysRun noSwitch = ctys("-t", "QEMU", "-a", "create=l:pxe1", "h3");
        assertEquals(2, noSwitch.code(), noSwitch.err());
        assertTrue(noSwitch.err().contains("the VDE switch of root is not up on h3; create it with: "
                + "ctys -t VDE -a create=u:root h3"), noSwitch.err());
        assertFalse(hosts.sh("h3", "ls " + base).contains("ctys-vm."), "nothing was left");
        hosts.sh("h3", "touch " + base + "/empty && mount --bind " + base + "/empty $(command -v qemu-system-x86_64)");
        try {
            CtysRun noQemu = ctys("-t", "QEMU", "-a", "create=l:pxe1,with-switch", "h3");
            assertEquals(2, noQemu.code(), noQemu.err());
            assertTrue(noQemu.err().contains("qemu-system-x86_64 is not installed on h3; install the Debian package "
                    + "qemu-system-x86"), noQemu.err());
            assertFalse(hosts.sh("h3", "ls " + base + "; ip -o link show").contains("ctysbr0"),
                    "no switch was made for a guest that cannot start");
        } finally {
            hosts.sh("h3", "umount /usr/bin/qemu-system-x86_64");
        }
    }

    @Test
    void badDefinitionsAreReportedWithFileAndLine(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("typo.yaml"), "label: typo\nmemory: 64\nnic:\n  - mac: 52:54:00:00:00:09\n");
        Files.writeString(dir.resolve("mac.yaml"), "memory: 64\nnics:\n  - mac: 52:54:00:00:00\n");
        Files.writeString(dir.resolve("yaml.yaml"), "memory: [64\n");
        Map<String, String> path = Map.of("CTYS_VM_PATH", dir.toString());
        CtysRun enumerate = ctysWith(path, "-t", "QEMU", "-a", "enumerate", "--json", "h1");
        assertEquals(0, enumerate.code(), enumerate.err());
        assertTrue(enumerate.out().contains(dir + "/typo.yaml:3: unknown key 'nic'; expected one of label,"),
                enumerate.out());
        assertTrue(enumerate.out().contains(dir + "/mac.yaml:3: MAC '52:54:00:00:00' is not valid"), enumerate.out());
        assertTrue(enumerate.out().contains(dir + "/yaml.yaml:2: "), enumerate.out());
        CtysRun create = ctysWith(path, "-t", "QEMU", "-a", "create=l:typo", "h1");
        assertEquals(1, create.code(), create.err());
        assertTrue(create.err().contains("typo.yaml:3: unknown key 'nic'"), create.err());
        CtysRun unknown = ctysWith(path, "-t", "QEMU", "-a", "create=l:nope", "h1");
        assertEquals(1, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("no definition of guest 'nope' on h1 along " + dir), unknown.err());
    }

    @Test
    void aStaleGuestIsReplacedAndOneThatIgnoresEverythingIsKilled() throws Exception {
        assertEquals(0, ctys("-t", "QEMU", "-a", "create=l:pxe1,with-switch", "h1").code());
        String first = pidOf("h1", "root", "pxe1");
        hosts.sh("h1", "kill -9 " + first + "; sleep 0.5");
        CtysRun stale = ctys("-t", "QEMU", "-a", "list", "-X", "h1");
        assertTrue(stale.out().startsWith("h1;pxe1;stale;" + first + ";"), stale.out());
        CtysRun again = ctys("-t", "QEMU", "-a", "create=l:pxe1", "-X", "h1");
        assertEquals(0, again.code(), again.err());
        String second = pidOf("h1", "root", "pxe1");
        assertFalse(second.equals(first), "a new guest replaced the stale files");

        hosts.sh("h1", "kill -STOP " + second);
        CtysRun cancel = ctys("-t", "QEMU", "-a", "cancel=l:pxe1,timeout:1", "-X", "h1");
        assertEquals(0, cancel.code(), cancel.err());
        assertEquals("h1;pxe1;" + second + ";killed\n", cancel.out());
        assertFalse(hosts.sh("h1", "ls " + base).contains("ctys-vm."), "nothing left");
    }

    @Test
    void kvmRunsWithKvmWhereItIsUsableAndFallsBackToTcgOnlyWhenAllowed() throws Exception {
        if (hosts.sh("h1", "(: <>/dev/kvm) 2>/dev/null && echo usable").contains("usable")) {
            CtysRun create = ctys("-t", "KVM", "-a", "create=l:pxe1,with-switch", "-X", "h1");
            assertEquals(0, create.code(), create.err());
            assertTrue(create.out().endsWith(";kvm\n"), create.out());
            assertEquals(golden("kvm-pxe1.argv", "root"), cmdline("h1", pidOf("h1", "root", "pxe1")));
            assertEquals(0, ctys("-t", "KVM", "-a", "cancel=l:pxe1,force", "h1").code());
        }
        hosts.sh("h3", "touch " + base + "/nokvm && mount --bind " + base + "/nokvm /dev/kvm");
        try {
            CtysRun refused = ctys("-t", "KVM", "-a", "create=l:pxe1,with-switch", "h3");
            assertEquals(2, refused.code(), refused.err());
            assertTrue(refused.err().contains("KVM is not usable on h3: /dev/kvm is absent for root"), refused.err());
            CtysRun fallback = ctys("-t", "KVM", "-a", "create=l:pxe1,with-switch,tcg-fallback", "h3");
            assertEquals(0, fallback.code(), fallback.err());
            assertTrue(fallback.out().contains("tcg"), fallback.out());
            assertTrue(fallback.err().contains("h3: warning: /dev/kvm is absent for root: guest pxe1 runs on TCG, "
                    + "as tcg-fallback allows"), fallback.err());
            assertEquals(golden("qemu-pxe1.argv", "root"), cmdline("h3", pidOf("h3", "root", "pxe1")));
            CtysRun list = ctys("-t", "KVM", "-a", "list", "-X", "h3");
            assertTrue(list.out().contains(";KVM;") && list.out().endsWith(";tcg\n"), list.out());
        } finally {
            hosts.sh("h3", "umount /dev/kvm");
        }
    }
}
