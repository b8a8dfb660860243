package org.ctys.plugin.kvm;

import java.util.List;
import java.util.Set;
import org.ctys.api.ActionRequest;
import org.ctys.api.ActionResult;
import org.ctys.plugin.qemu.Accelerator;
import org.ctys.plugin.qemu.QemuActions;
import org.ctys.plugin.qemu.QemuCommandLine;
import org.ctys.plugin.qemu.QemuEngine;
import org.ctys.spi.ActionDescriptor;
import org.ctys.spi.PluginContext;
import org.ctys.spi.Prerequisite;
import org.ctys.spi.support.AbstractCtysPlugin;

/**
 * Session type KVM: the guests of {@code -t QEMU}, started with {@code -accel kvm}. Everything but the accelerator
 * is plugin-qemu's, reached through the PF4J plugin dependency declared in this jar's manifest.
 */
public final class KvmPlugin extends AbstractCtysPlugin {

    private final QemuEngine engine = new QemuEngine(Accelerator.KVM, "KVM");

    /** Declares the session type, its actions and what it needs on a target. */
    public KvmPlugin() {
        super(Set.of("KVM"), kvmActions(),
                List.of(Prerequisite.program(QemuCommandLine.BINARY, "qemu-system-x86", "runs the guests"),
                        new Prerequisite(Prerequisite.Kind.DEVICE, "/dev/kvm",
                                "a kernel with KVM enabled (kvm_intel or kvm_amd) and read-write access to /dev/kvm",
                                "hardware acceleration")),
                """
                KVM - QEMU virtual machines with KVM acceleration

                  ctys -t KVM -a create=l:<label>[,f:<file>][,with-switch][,tcg-fallback] [targets]
                  ctys -t KVM -a cancel=l:<label>[,poweroff|reset|pause|force][,timeout:<s>] [targets]
                  ctys -t KVM -a list|info|enumerate [targets]

                The same guests and definitions as -t QEMU (see ctys -H QEMU), started with -accel kvm. Without a \
                usable /dev/kvm, create fails with exit 2 unless the tcg-fallback sub-option allows running on \
                TCG (the result then carries a warning).
                """);
    }

    private static List<ActionDescriptor> kvmActions() {
        return QemuActions.descriptors().stream().map(a -> a.name().equals("CREATE")
                ? new ActionDescriptor("CREATE", "create=l:<label>[,f:<file>][,with-switch][,tcg-fallback]",
                "start a guest with -accel kvm; fall back to TCG only when asked") : a).toList();
    }

    @Override
    public ActionResult perform(ActionRequest request, PluginContext context) {
        return engine.perform(request, context);
    }
}
