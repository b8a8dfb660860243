package org.ctys.plugin.qemu;

import java.util.List;
import org.ctys.spi.ActionDescriptor;

/** The actions of QEMU guests, shared by the QEMU and KVM session types. */
public final class QemuActions {

    private QemuActions() {
    }

    /** @return the actions a QEMU-based session type offers */
    public static List<ActionDescriptor> descriptors() {
        return List.of(
                new ActionDescriptor("CREATE", "create=l:<label>[,f:<file>][,with-switch]",
                        "start a guest daemonized on the host's VDE switch and confirm it runs through QMP"),
                new ActionDescriptor("CANCEL", "cancel=l:<label>[,poweroff|reset|pause|force][,timeout:<s>]",
                        "ACPI power-down, then quit, then kill, each with a deadline"),
                new ActionDescriptor("LIST", "list", "the running guests"),
                new ActionDescriptor("INFO", "info", "QEMU version, accelerators, VDE support, KVM presence"),
                new ActionDescriptor("ENUMERATE", "enumerate[=f:<file>]", "the guest definitions and their validation errors"));
    }
}
