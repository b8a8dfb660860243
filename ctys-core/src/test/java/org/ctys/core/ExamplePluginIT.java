package org.ctys.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ctys.core.testing.CtysRun;
import org.ctys.core.testing.ScratchDirectory;
import org.ctys.core.testing.ScratchNamespace;
import org.ctys.core.testing.SystemTests;
import org.ctys.core.testing.TestHosts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/plugin-hello as a third party would use it: copied out of the tree, built by its own pom against the
 * installed ctys-api artifact, dropped into a plugins directory, and run against an sshd host in a namespace.
 */
class ExamplePluginIT {

    private static final Path EXAMPLE = Path.of("..", "examples", "plugin-hello").toAbsolutePath().normalize();

    private static TestHosts hosts;
    private static Path dist;

    @BeforeAll
    static void startHosts() throws Exception {
        dist = SystemTests.distribution();
        SystemTests.requireRootAnd("mvn", "sshd");
        hosts = TestHosts.start(1);
    }

    @AfterAll
    static void stopHosts() throws Exception {
        if (hosts != null) {
            hosts.close();
        }
    }

    @Test
    void buildsFromScratchLoadsFromAPluginsDirectoryAndRunsOnARemoteHost(@TempDir Path work) throws Exception {
        Path project = work.resolve("plugin-hello");
        copy(EXAMPLE, project);
        maven(project, "-B", "-ntp", "-q", "-o", "package");
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Path jar = Files.copy(project.resolve("target/ctys-plugin-hello-1.0.0.jar"), plugins.resolve("hello.jar"));
        Map<String, String> environment = Map.of("CTYS_PLUGINS_PATH", plugins.toString(),
                "CTYS_SSH_CONFIG", hosts.sshConfig().toString());

        CtysRun list = CtysRun.launcher(dist, environment, "ctys", "plugins", "-t", "HELLO", "-X");
        assertEquals("hello;1.0.0;HELLO;greet,disks;STARTED;" + jar + ";\n", list.out(), list.err());
        CtysRun greet = CtysRun.launcher(dist, environment, "ctys", "-t", "HELLO", "-a", "greet=name:you", "-X",
                "h1");
        assertEquals("h1;hello you;h1;root\n", greet.out(), greet.err());
        CtysRun disks = CtysRun.launcher(dist, environment, "ctys", "-t", "HELLO", "-a", "disks=path:/", "--json",
                "h1");
        assertEquals(0, disks.code(), disks.err());
        assertTrue(disks.out().contains("\"mountedOn\" : \"/\""), disks.out());
        CtysRun bad = CtysRun.launcher(dist, environment, "ctys", "-t", "HELLO", "-a", "disks=path:var", "h1");
        assertEquals(1, bad.code());
        assertEquals("ctys: h1: usage: path 'var' must be absolute, e.g. disks=path:/var\n", bad.err());
        CtysRun doctor = CtysRun.launcher(dist, environment, "ctys", "plugins", "doctor", "-t", "HELLO", "-X",
                "h1");
        assertEquals(0, doctor.code(), doctor.out() + doctor.err());
        assertTrue(doctor.out().contains("hello;ctys-api class loader;ok;"), doctor.out());
        assertTrue(doctor.out().contains("h1;hello;program df;ok;"), doctor.out());
    }

    /**
     * examples/plugin-dhcp, built on its own like a third party's plugin, serves DHCP on a switch's bridge in a
     * scratch namespace: a diskless guest's network boot gets its lease through it, a second create changes nothing,
     * and cancel leaves no process, address or file.
     */
    @Test
    void theDhcpExampleGivesAGuestOnTheSwitchItsLease(@TempDir Path work) throws Exception {
        SystemTests.requireRootAnd("dnsmasq", "qemu-system-x86_64", "vde_switch");
        Path project = work.resolve("plugin-dhcp");
        copy(EXAMPLE.resolveSibling("plugin-dhcp"), project);
        maven(project, "-B", "-ntp", "-q", "-o", "package");
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Files.copy(project.resolve("target/ctys-plugin-dhcp-1.0.0.jar"), plugins.resolve("dhcp.jar"));
        Path vms = Files.createDirectories(work.resolve("vms"));
        Files.copy(EXAMPLE.resolveSibling("..").normalize().resolve("plugin-qemu/src/test/resources/golden/pxe1.yaml"),
                vms.resolve("pxe1.yaml"));
        try (ScratchDirectory sockets = ScratchDirectory.create("ctys-dhcp-it");
             ScratchNamespace host = ScratchNamespace.create()) {
            Map<String, String> environment = Map.of("CTYS_PLUGINS_PATH", plugins.toString(), "CTYS_SOCKBASE",
                    sockets.path().toString(), "CTYS_VM_PATH", vms.toString());
            assertEquals(0, inNamespace(host, environment, "ctys-setupVDE", "create").code());
            CtysRun create = inNamespace(host, environment, "ctys", "-t", "DHCP", "-a", "create", "-X");
            assertEquals(0, create.code(), create.err());
            assertTrue(create.err().contains("DHCP server on ctysbr0 started"), create.err());
            CtysRun again = inNamespace(host, environment, "ctys", "-t", "DHCP", "-a", "create", "-X");
            assertTrue(again.err().contains("DHCP server on ctysbr0 is up"), again.err());
            CtysRun guest = inNamespace(host, environment, "ctys", "-t", "QEMU", "-a", "create=l:pxe1");
            assertEquals(0, guest.code(), guest.err());
            String leases = "";
            for (int i = 0; i < 600 && !leases.contains("52:54:00:c7:00:01 10.199.250."); i++) {
                Thread.sleep(100);
                leases = inNamespace(host, environment, "ctys", "-t", "DHCP", "-a", "list", "-X").out();
            }
            assertTrue(leases.contains(";ctysbr0;") && leases.contains(";running;")
                    && leases.contains("52:54:00:c7:00:01 10.199.250."), "the guest's lease: " + leases);
            assertEquals(0, inNamespace(host, environment, "ctys", "-t", "QEMU", "-a", "cancel=l:pxe1").code());
            CtysRun cancel = inNamespace(host, environment, "ctys", "-t", "DHCP", "-a", "cancel");
            assertEquals(0, cancel.code(), cancel.err());
            assertEquals("", host.sh("ip -o addr show dev ctysbr0 | grep 10.199.250.1/24 || true"),
                    "the address create gave the bridge is gone");
            assertEquals(0, inNamespace(host, environment, "ctys", "-t", "VDE", "-a", "cancel").code());
            assertEquals("", inNamespace(host, environment, "ctys", "-t", "DHCP", "-a", "list", "-X").out());
            assertFalse(Files.exists(sockets.path().resolve("ctys-dhcp")), "cancel leaves no file");
            // by process name, in this namespace only (the shell running pgrep is neither)
            assertEquals("", host.sh("for n in dnsmasq qemu-system-x86 vde_switch; do "
                    + "pgrep -a --ns $$ --nslist net -x $n; done; true"),
                    "no process of the lab is left in the namespace");
        }
    }

    private static CtysRun inNamespace(ScratchNamespace host, Map<String, String> environment, String face,
                                       String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(host.exec());
        argv.add(dist.resolve("bin").resolve(face).toString());
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().putAll(environment);
        return CtysRun.process(builder);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(f -> !from.relativize(f).startsWith("target")).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    /** Runs Maven in the copied project, offline: ctys's own build has cached every plugin and library it needs. */
    private static void maven(Path project, String... args) throws IOException, InterruptedException {
        List<String> argv = new java.util.ArrayList<>(List.of("mvn"));
        argv.addAll(List.of(args));
        Process process = new ProcessBuilder(argv).directory(project.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "the example does not build on its own (is ctys-api installed? "
                + "scripts/test.sh runs mvn install):\n" + output);
    }
}
