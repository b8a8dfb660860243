package org.ctys.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.ctys.core.testing.CtysRun;
import org.ctys.core.testing.OutputSchemas;
import org.ctys.core.testing.ScratchDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A whole lab on three namespace sshd hosts that the control host reaches and that reach each other only over the
 * test LAN, with no ssh keys between them: a QEMU guest on the first host gets its DHCP lease from a dnsmasq on the
 * third host's lab bridge through an ssh cable with emulated delay (first to second) and a vxlan cable (second to
 * third). A killed switch, guest and cable are repaired by create, and cancel leaves nothing anywhere.
 */
class LabAcrossHostsIT extends OnSwitchHosts {

    private static final String MAC = "52:54:00:c7:00:01";
    private static final String NET = "10.79.0";

    @BeforeAll
    static void startHosts() throws Exception {
        start(3, "vde_switch", "dpipe", "wirefilter", "qemu-system-x86_64", "dnsmasq");
    }

    @Test
    void aGuestOnTheFirstHostIsLeasedAnAddressByTheThirdThroughBothKindsOfCable() throws Exception {
        try (ScratchDirectory scratch = ScratchDirectory.create("ctys-lab-")) {
            Path vms = Files.createDirectory(scratch.path().resolve("vms"));
            Files.setPosixFilePermissions(scratch.path(), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(vms.resolve("pxe1.yaml"), "label: pxe1\nmemory: 64\nboot: [network]\nnics:\n"
                    + "  - mac: " + MAC + "\n    model: e1000\n");
            Path file = scratch.path().resolve("tri.yaml");
            String wiring = """
                    name: tri
                    switches:
                      s1: {host: h1}
                      s2: {host: h2}
                      s3: {host: h3}
                    cables:
                      - {ends: [s1, s2], kind: ssh, delay: 30ms}
                      - {ends: [s2, s3], kind: vxlan}
                    """;
            Files.writeString(file, wiring);
            try {
                CtysRun wired = lab(file, "create");
                assertEquals(0, wired.code(), wired.toString());
                // the third host serves DHCP on its lab bridge before the guest asks
                hosts.sh("h3", "ip addr add " + NET + ".3/24 dev tri-s3 && dnsmasq --conf-file=/dev/null --port=0 "
                        + "--user=root --interface=tri-s3 --bind-interfaces --except-interface=lo --dhcp-range="
                        + NET + ".100," + NET + ".150,255.255.255.0,1h --dhcp-authoritative --log-dhcp "
                        + "--dhcp-leasefile=" + base + "/tri.leases --pid-file=" + base + "/tri.dnsmasq.pid "
                        + "--log-facility=" + base + "/tri.dnsmasq.log");
                hosts.sh("h1", "ip addr add " + NET + ".1/24 dev tri-s1");
                // through the ssh cable's wirefilter, 30 ms each way
                String ping = hosts.sh("h1", "ping -c 3 -i 0.3 -W 5 " + NET + ".3 || true");
                assertTrue(ping.contains(" 0% packet loss"), ping);
                double min = Double.parseDouble(ping.replaceAll("(?s).*= ([0-9.]+)/.*", "$1"));
                assertTrue(min >= 60, "rtt min " + min + " ms: " + ping);

                Files.writeString(file, wiring + "guests:\n  g1: {switch: s1, definition: pxe1}\n");
                CtysRun withGuest = lab(file, "create");
                assertEquals(0, withGuest.code(), withGuest.toString());
                assertEquals(List.of("s1;switch;h1;tri-s1;up", "s2;switch;h2;tri-s2;up", "s3;switch;h3;tri-s3;up",
                        "s1-s2;ssh;h1-h2;30ms;up"), withGuest.out().lines().limit(4)
                        .map(l -> l.substring("localhost;tri;".length())).toList(), "only the guest is new");
                assertTrue(withGuest.out().lines().reduce((a, b) -> b).orElseThrow()
                        .matches("localhost;tri;g1;guest;h1;tri\\.g1 \\(QEMU pxe1\\) on s1;started \\(pid \\d+\\)"),
                        withGuest.out());
                assertEquals(1, leases(60, 1), "g1 on h1 was leased an address by dnsmasq on h3");
                assertEquals(0, lab(file, "check").code());
                assertEquals("localhost;tri;h1,h2,h3;3;3;2;2;1;1;up\n", lab(file, "list").out());
                OutputSchemas schemas = OutputSchemas.read();
                assertEquals(6, schemas.check("LAB check", lab(file, "check", "--json")));
                assertEquals(1, schemas.check("LAB list", lab(file, "list", "--json")));

                // a switch in the middle dies: check names it, create remakes it, the supervised cable plugs again
                hosts.sh("h2", "kill " + hosts.processes("h2", "vde_switch"));
                CtysRun broken = lab(file, "check");
                assertEquals(3, broken.code(), broken.toString());
                assertTrue(broken.err().contains("s2 on h2 is down"), broken.err());
                assertEquals(0, lab(file, "create").code());
                awaitCheck(file);

                // the guest dies: create starts it again, and it is leased again through the mended lab
                hosts.sh("h1", "kill -9 " + hosts.processes("h1", "ctys-tri.g1"));
                CtysRun noGuest = lab(file, "check");
                assertEquals(3, noGuest.code(), noGuest.toString());
                assertTrue(noGuest.err().contains("g1 on h1 is down"), noGuest.err());
                CtysRun restarted = lab(file, "create");
                assertEquals(0, restarted.code(), restarted.toString());
                assertTrue(restarted.out().contains(";g1;guest;h1;") && restarted.out().contains(";started (pid "),
                        restarted.out());
                assertEquals(2, leases(60, 2), "leased again through the remade switch");

                // the vxlan device on the third host is deleted by hand: create makes it again
                hosts.sh("h3", "ip -o link show type vxlan | cut -d: -f2 | xargs -r -n1 ip link del");
                assertEquals(3, lab(file, "check").code());
                CtysRun mended = lab(file, "create");
                assertTrue(mended.out().contains(";s2-s3;vxlan;h2-h3;") && mended.out().contains(";created\n"),
                        mended.out());
                String again = hosts.sh("h1", "ping -c 3 -i 0.3 -W 5 " + NET + ".3 || true");
                assertTrue(again.contains(" 0% packet loss"), again);
            } finally {
                hosts.sh("h3", "[ -f " + base + "/tri.dnsmasq.pid ] && kill $(cat " + base + "/tri.dnsmasq.pid); rm -f "
                        + base + "/tri.*");
                CtysRun cancelled = lab(file, "cancel", "--json");
                assertEquals(6, OutputSchemas.read().check("LAB cancel", cancelled), cancelled.toString());
            }
            for (String host : List.of("h1", "h2", "h3")) {
                for (String program : List.of("vde_switch", "vde_plug", "ctys-tri.g1")) {
                    assertEquals("", hosts.processes(host, program), program + " on " + host);
                }
                assertEquals("", hosts.sh(host, "ip -o link show | grep -E 'tri|vx|tap' || true").strip(), host);
                assertEquals("", hosts.sh(host, "ls " + base + " | grep -E 'lab-|ctys-vm|tri' || true").strip(),
                        host);
            }
            assertEquals(List.of(), Files.list(scratch.path().resolve("state/ctys/labs")).toList(),
                    "no supervisor's pid file, log or record left on the control host");
            assertEquals("", lab(file, "list").out(), "cancel forgets the lab");
        }
    }

    /** @return how many leases dnsmasq acknowledged to the guest, once there are {@code wanted} or time is up */
    private static int leases(int seconds, int wanted) throws Exception {
        int count = 0;
        for (int i = 0; i < seconds * 2 && count < wanted; i++) {
            String n = hosts.sh("h3", "grep -c 'DHCPACK.*" + MAC + "' " + base + "/tri.dnsmasq.log || true").strip();
            count = n.matches("\\d+") ? Integer.parseInt(n) : 0;
            if (count < wanted) {
                Thread.sleep(500);
            }
        }
        return count;
    }

    /** Waits until check passes: a cable's supervisor plugs in again a second after its plug ended. */
    private static void awaitCheck(Path file) throws Exception {
        CtysRun check = null;
        for (int i = 0; i < 20; i++) {
            check = lab(file, "check");
            if (check.code() == 0) {
                return;
            }
            Thread.sleep(500);
        }
        assertEquals(0, check.code(), check.toString());
    }
}
