package org.ctys.plugin.kvm;

import java.util.List;
import java.util.Set;
import org.ctys.api.ActionRequest;
import org.ctys.api.ActionResult;
import org.ctys.spi.ActionDescriptor;
import org.ctys.spi.PluginContext;
import org.ctys.spi.Prerequisite;
import org.ctys.spi.support.AbstractCtysPlugin;

/** Session type KVM: QEMU guests with {@code -accel kvm}. */
public final class KvmPlugin extends AbstractCtysPlugin {

    /** Declares the session type, its actions and what it needs on a target. */
    public KvmPlugin() {
        super(Set.of("KVM"),
                List.of(new ActionDescriptor("CREATE", "create=l:<label>[,tcg-fallback]",
                                "start a guest with -accel kvm; fall back to TCG only when asked"),
                        new ActionDescriptor("CANCEL", "cancel=l:<label>[,poweroff|reset|pause|force][,timeout:<s>]",
                                "ACPI power-down, then quit, then kill, each with a deadline"),
                        new ActionDescriptor("LIST", "list", "the running KVM guests"),
                        new ActionDescriptor("INFO", "info", "QEMU version and whether /dev/kvm is usable")),
                List.of(Prerequisite.program("qemu-system-x86_64", "qemu-system-x86", "runs the guests"),
                        new Prerequisite(Prerequisite.Kind.DEVICE, "/dev/kvm",
                                "a kernel with KVM enabled (kvm_intel or kvm_amd) and read-write access to /dev/kvm",
                                "hardware acceleration")),
                """
                KVM - QEMU virtual machines with KVM acceleration

                  ctys -t KVM -a create=l:<label>[,tcg-fallback] [targets]
                  ctys -t KVM -a cancel|list|info [targets]

                The same guests as -t QEMU, started with -accel kvm. Without a usable /dev/kvm, create fails \
                with exit 2 unless the tcg-fallback sub-option allows running on TCG.
                """);
    }

    @Override
    public ActionResult perform(ActionRequest request, PluginContext context) {
        throw notAvailableYet(request);
    }
}
