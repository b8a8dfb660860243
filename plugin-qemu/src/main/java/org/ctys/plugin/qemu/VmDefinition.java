package org.ctys.plugin.qemu;

import java.util.List;

/**
 * A guest as its YAML definition describes it, validated.
 *
 * @param label the guest's name, unique per user on a target
 * @param source the file it was read from, {@code path} on the target
 * @param memoryMib memory in MiB
 * @param cpus virtual CPUs
 * @param machine QEMU's machine type
 * @param boot boot order in QEMU's letters ({@code n} network, {@code c} disk, {@code d} CD-ROM)
 * @param disks disk images, in order
 * @param cdrom a CD-ROM image, or {@code null}
 * @param kernel a kernel to boot directly, or {@code null}
 * @param initrd its initial ramdisk, or {@code null}
 * @param append its command line, or {@code null}
 * @param nics network cards, each on a VDE switch
 * @param console how the console is reached
 */
public record VmDefinition(String label, String source, int memoryMib, int cpus, String machine, String boot,
                           List<Disk> disks, String cdrom, String kernel, String initrd, String append,
                           List<Nic> nics, Console console) {

    /** Copies the lists. */
    public VmDefinition {
        disks = List.copyOf(disks);
        nics = List.copyOf(nics);
    }

    /**
     * A disk image.
     *
     * @param file its absolute path on the target
     * @param format QEMU's format name, e.g. {@code qcow2} or {@code raw}
     * @param bus QEMU's drive interface, e.g. {@code virtio} or {@code ide}
     * @param readOnly whether the guest may not write it
     */
    public record Disk(String file, String format, String bus, boolean readOnly) {
    }

    /**
     * A network card on the VDE switch of a user.
     *
     * @param mac its MAC address, lower case
     * @param model QEMU's device model, e.g. {@code e1000}
     * @param switchUser whose switch it plugs into; {@code null} for the user the guest runs as
     */
    public record Nic(String mac, String model, String switchUser) {
    }

    /** How the guest's console is reached: nowhere, a serial UNIX socket, or a VNC UNIX socket. */
    public enum Console {
        /** no console; QMP only */
        NONE,
        /** the first serial port on a UNIX socket beside the QMP socket ({@code socat - UNIX:<path>}) */
        SERIAL,
        /** the screen through VNC on a UNIX socket beside the QMP socket */
        VNC
    }
}
