package org.ctys.plugin.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ctys.testkit.Nodes;
import org.junit.jupiter.api.Test;

/**
 * The command lines QEMU and KVM guests get, against golden files (one argument per line). Core's QemuIT starts
 * the same lines for real and compares them with the running QEMU's /proc/PID/cmdline.
 */
class QemuCommandLineTest {

    private final Nodes nodes = new Nodes();
    private final RunFiles files = new RunFiles("/var/tmp", "alice", "web1");

    private VmDefinition web1() {
        return DefinitionReader.read(nodes.map("label", "web1", "memory", "256", "cpus", "2",
                "boot", nodes.list("disk", "network"), "disks", nodes.list("/srv/vm/web1,backup.qcow2"),
                "nics", nodes.list((Object) new Object[] {"mac", "52:54:00:00:01:01"},
                        (Object) new Object[] {"mac", "52:54:00:00:01:02", "model", "e1000", "switch", "bob"}),
                "console", "serial"), "/etc/ctys/vms/web1.yaml").definition().orElseThrow();
    }

    @Test
    void qemuOnTcg() throws IOException {
        assertEquals(golden("qemu-web1.argv"), QemuCommandLine.of(web1(), Accelerator.TCG, files,
                List.of("/var/tmp/vde_switch0.alice", "/var/tmp/vde_switch0.bob")));
    }

    @Test
    void kvmDiffersOnlyInTheAccelerator() throws IOException {
        assertEquals(golden("kvm-web1.argv"), QemuCommandLine.of(web1(), Accelerator.KVM, files,
                List.of("/var/tmp/vde_switch0.alice", "/var/tmp/vde_switch0.bob")));
    }

    /** The guest core's QemuIT starts for real (golden/pxe1.yaml), with its paths as placeholders. */
    @Test
    void theNetworkBootGuestOnTcgAndKvm() throws IOException {
        VmDefinition pxe1 = DefinitionReader.read(nodes.map("label", "pxe1", "memory", "64", "boot",
                nodes.list("network"), "nics", nodes.list((Object) new Object[] {"mac", "52:54:00:c7:00:01", "model",
                        "e1000"})), "pxe1.yaml").definition().orElseThrow();
        RunFiles placeholders = new RunFiles("@BASE@", "@USER@", "pxe1");
        List<String> sockets = List.of("@BASE@/vde_switch0.@USER@");
        assertEquals(golden("qemu-pxe1.argv"), QemuCommandLine.of(pxe1, Accelerator.TCG, placeholders, sockets));
        assertEquals(golden("kvm-pxe1.argv"), QemuCommandLine.of(pxe1, Accelerator.KVM, placeholders, sockets));
    }

    static List<String> golden(String name) throws IOException {
        try (InputStream in = QemuCommandLineTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
