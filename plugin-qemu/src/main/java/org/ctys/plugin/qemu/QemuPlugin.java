package org.ctys.plugin.qemu;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ctys.api.ActionRequest;
import org.ctys.api.ActionResult;
import org.ctys.spi.ActionDescriptor;
import org.ctys.spi.GuestProvider;
import org.ctys.spi.GuestRequest;
import org.ctys.spi.PluginContext;
import org.ctys.spi.Prerequisite;
import org.ctys.spi.RunningGuest;
import org.ctys.spi.support.AbstractCtysPlugin;

/** Session type QEMU: guests under QEMU's TCG, attached to the VDE switch of their host; other plugins start them. */
public final class QemuPlugin extends AbstractCtysPlugin implements GuestProvider {

    /** Declares the session type, its actions and what it needs on a target. */
    public QemuPlugin() {
        super(Set.of("QEMU"), QemuActions.descriptors(),
                List.of(Prerequisite.program("qemu-system-x86_64", "qemu-system-x86", "runs the guests")),
                """
                QEMU - virtual machines on the VDE switch of their host

                  ctys -t QEMU -a create=l:<label>[,f:<file>][,with-switch] [targets]
                  ctys -t QEMU -a cancel=l:<label>[,poweroff|force|reset|pause][,timeout:<s>] [targets]
                  ctys -t QEMU -a list|info|enumerate [targets]

                Guests are YAML files on each target along CTYS_VM_PATH (default ~/.ctys/vms:/etc/ctys/vms): \
                label, memory, cpus, machine, boot, disks, cdrom, kernel, initrd, append, nics (mac, model, \
                switch), console. create checks the switch of each nic is up (with-switch creates it), starts \
                QEMU daemonized as the login user with a QMP socket and pid file under CTYS_SOCKBASE, and \
                confirms through QMP that the guest runs. cancel powers it down (timeout, default 30 s), then \
                quits it, then kills it; force skips the power-down.
                Needs on each target: qemu-system-x86_64 (Debian qemu-system-x86) and an up VDE switch.
                """);
    }

    private final QemuEngine engine = new QemuEngine(Accelerator.TCG, "QEMU");
    private final Guests guests = new Guests();

    @Override
    public ActionResult perform(ActionRequest request, PluginContext context) {
        return engine.perform(request, context);
    }

    @Override
    public Optional<RunningGuest> find(GuestRequest request, PluginContext context) {
        return guests.find(request, context);
    }

    @Override
    public RunningGuest start(GuestRequest request, PluginContext context) {
        return guests.start(request, context);
    }

    @Override
    public boolean stop(GuestRequest request, PluginContext context, Duration grace) {
        return guests.stop(request, context, grace);
    }
}
