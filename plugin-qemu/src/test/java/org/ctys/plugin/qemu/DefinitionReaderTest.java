package org.ctys.plugin.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ctys.testkit.Nodes;
import org.junit.jupiter.api.Test;

class DefinitionReaderTest {

    private final Nodes nodes = new Nodes();

    @Test
    void aNetworkBootGuestWithDefaults() {
        DefinitionReader.Outcome outcome = DefinitionReader.read(nodes.map("memory", "64",
                "nics", nodes.list((Object) new Object[] {"mac", "52:54:00:C7:00:01", "model", "e1000"})),
                "/etc/ctys/vms/pxe1.yaml");
        assertEquals(List.of(), outcome.problems());
        VmDefinition vm = outcome.definition().orElseThrow();
        assertEquals("pxe1", vm.label(), "the file name is the label when none is given");
        assertEquals(64, vm.memoryMib());
        assertEquals("n", vm.boot(), "a guest with only nics boots from the network");
        assertEquals(new VmDefinition.Nic("52:54:00:c7:00:01", "e1000", null), vm.nics().get(0));
        assertEquals(VmDefinition.Console.NONE, vm.console());
    }

    @Test
    void sizesBootOrderDisksAndKernel() {
        VmDefinition vm = DefinitionReader.read(nodes.map("label", "db", "memory", "2G", "cpus", "2",
                "boot", nodes.list("disk", "cdrom", "network"), "disks", nodes.list("/vm/db.qcow2",
                        new Object[] {"file", "/vm/data.img", "interface", "ide", "readonly", "yes"}),
                "cdrom", "/iso/x.iso", "kernel", "/boot/vmlinuz", "initrd", "/boot/initrd", "append", "console=ttyS0",
                "nics", nodes.list((Object) new Object[] {"mac", "52:54:00:00:00:02", "switch", "alice"}),
                "console", "serial"), "db.yaml").definition().orElseThrow();
        assertEquals(2048, vm.memoryMib());
        assertEquals("cdn", vm.boot());
        assertEquals(List.of(new VmDefinition.Disk("/vm/db.qcow2", "qcow2", "virtio", false),
                new VmDefinition.Disk("/vm/data.img", "raw", "ide", true)), vm.disks());
        assertEquals("alice", vm.nics().get(0).switchUser());
        assertEquals(VmDefinition.Console.SERIAL, vm.console());
    }

    @Test
    void everyProblemIsReportedWithFileLineAndWhatWasExpected() {
        DefinitionReader.Outcome outcome = DefinitionReader.read(nodes.map("label", "bad one", "memroy", "64",
                "cpus", "many", "boot", nodes.list("floppy"), "nics", nodes.list(
                        (Object) new Object[] {"mac", "53:54:00:00:00:01", "model", "e2000"},
                        (Object) new Object[] {"mac", "52:54:00:00:0:01"}), "console", "tty"), "/v/bad.yaml");
        assertTrue(outcome.definition().isEmpty());
        List<String> problems = outcome.problems();
        assertEquals(List.of(
                "/v/bad.yaml:2: unknown key 'memroy'; expected one of label, memory, cpus, machine, boot, disks, "
                        + "cdrom, kernel, initrd, append, nics, console",
                "/v/bad.yaml:1: label 'bad one' is not valid; expected letters, digits, '_', '.' or '-', 63 at most, "
                        + "starting with a letter or digit",
                "/v/bad.yaml:3: cpus 'many' is not valid; expected a whole number from 1 to 64",
                "/v/bad.yaml:5: MAC '53:54:00:00:00:01' is not a unicast address; expected an even first octet, "
                        + "e.g. 52:54:00:12:34:56",
                "/v/bad.yaml:6: nic model 'e2000' is not known; expected one of virtio-net-pci, e1000, e1000e, "
                        + "rtl8139, ne2k_pci, pcnet, vmxnet3",
                "/v/bad.yaml:7: MAC '52:54:00:00:0:01' is not valid; expected six hex pairs like 52:54:00:12:34:56",
                "/v/bad.yaml:4: boot entry 'floppy' is not known; expected network, disk or cdrom",
                "/v/bad.yaml:9: console 'tty' is not known; expected none, serial or vnc"), problems);
    }

    @Test
    void nothingToBootFromAndNetworkBootWithoutNics() {
        assertEquals(List.of("x.yaml:1: nothing to boot from; expected disks, a cdrom, a kernel or nics for network "
                + "boot", "x.yaml:1: boot from the network needs at least one nic"),
                DefinitionReader.read(nodes.map("memory", "64"), "x.yaml").problems());
        assertEquals(List.of("y.yaml:1: a definition is a mapping of keys to values, not a list"),
                DefinitionReader.read(new org.ctys.spi.DataNode.Sequence(List.of(), 1), "y.yaml").problems());
    }
}
