package org.ctys.plugin.qemu;

import java.util.ArrayList;
import java.util.List;

/**
 * The QEMU command line of a guest: the one place that knows QEMU's options. The KVM plugin uses it with another
 * {@link Accelerator}; nothing else differs. The guest runs daemonized, headless, with a QMP socket and a pid
 * file, each nic on a VDE switch. Values inside QEMU's {@code key=value,...} options have their commas doubled, so a
 * path can never add an option.
 */
public final class QemuCommandLine {

    /** The binary, as Debian's qemu-system-x86 installs it. */
    public static final String BINARY = "qemu-system-x86_64";

    private QemuCommandLine() {
    }

    /**
     * @param vm the guest
     * @param accelerator how its CPUs run
     * @param files where its sockets and pid file go
     * @param switchSockets the VDE data socket (QEMUSOCK) of each nic, in the order of {@code vm.nics()}
     * @return the argv
     */
    public static List<String> of(VmDefinition vm, Accelerator accelerator, RunFiles files,
                                  List<String> switchSockets) {
        if (switchSockets.size() != vm.nics().size()) {
            throw new IllegalArgumentException("one switch socket per nic");
        }
        List<String> argv = new ArrayList<>(List.of(BINARY, "-name", value(vm.label()) + ",process=ctys-"
                + value(vm.label()), "-machine", value(vm.machine())));
        argv.addAll(accelerator.options());
        argv.addAll(List.of("-m", Integer.toString(vm.memoryMib()), "-smp", Integer.toString(vm.cpus()),
                "-nodefaults", "-vga", "std", "-display", "none"));
        for (int i = 0; i < vm.nics().size(); i++) {
            VmDefinition.Nic nic = vm.nics().get(i);
            argv.addAll(List.of("-netdev", "vde,id=n" + i + ",sock=" + value(switchSockets.get(i)),
                    "-device", value(nic.model()) + ",netdev=n" + i + ",mac=" + nic.mac()));
        }
        for (VmDefinition.Disk disk : vm.disks()) {
            argv.addAll(List.of("-drive", "file=" + value(disk.file()) + ",format=" + value(disk.format()) + ",if="
                    + value(disk.bus()) + (disk.readOnly() ? ",readonly=on" : "")));
        }
        if (vm.cdrom() != null) {
            argv.addAll(List.of("-drive", "file=" + value(vm.cdrom()) + ",media=cdrom,readonly=on"));
        }
        if (vm.kernel() != null) {
            argv.addAll(List.of("-kernel", vm.kernel()));
            if (vm.initrd() != null) {
                argv.addAll(List.of("-initrd", vm.initrd()));
            }
            if (vm.append() != null) {
                argv.addAll(List.of("-append", vm.append()));
            }
        }
        argv.addAll(List.of("-boot", "order=" + vm.boot()));
        switch (vm.console()) {
            case SERIAL -> argv.addAll(List.of("-serial", "unix:" + value(files.serial()) + ",server=on,wait=off"));
            case VNC -> argv.addAll(List.of("-vnc", "unix:" + value(files.vnc())));
            case NONE -> { }
        }
        argv.addAll(List.of("-qmp", "unix:" + value(files.qmp()) + ",server=on,wait=off",
                "-pidfile", files.pid(), "-daemonize"));
        return List.copyOf(argv);
    }

    /** QEMU's option syntax: a comma inside a value is written twice. */
    private static String value(String text) {
        return text.replace(",", ",,");
    }
}
