package org.ctys.plugin.vde;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ctys.api.ActionRequest;
import org.ctys.api.ActionResult;
import org.ctys.api.SubOption;
import org.ctys.api.SubOptions;
import org.ctys.spi.ActionDescriptor;
import org.ctys.spi.PluginContext;
import org.ctys.spi.Prerequisite;
import org.ctys.spi.SwitchEndpoint;
import org.ctys.spi.SwitchRequest;
import org.ctys.spi.ValueKind;
import org.ctys.spi.VirtualSwitchProvider;
import org.ctys.spi.support.AbstractCtysPlugin;

/** Session type VDE: a vde_switch on a TAP device in a Linux bridge, the network QEMU guests plug into. */
public final class VdePlugin extends AbstractCtysPlugin implements VirtualSwitchProvider {

    /** Declares the session type, its actions and what it needs on a target. */
    public VdePlugin() {
        super(Set.of("VDE"),
                List.of(new ActionDescriptor("CREATE", "create[=b:<bridge>][,i:<iface>][,u:<user>[.<group>]][,g:<group>]"
                                + "[,sock:<QEMUSOCK>][,mgmt:<QEMUMGMT>][,stp][,f][,legacy]",
                                "bring up bridge, TAP and vde_switch; reuse a healthy switch, repair a broken one")
                                .checking("b", ValueKind.INTERFACE)
                                .checking("g", ValueKind.USER),
                        new ActionDescriptor("CANCEL", "cancel[=u:<user>][,sock:<QEMUSOCK>][,mgmt:<QEMUMGMT>][,f]"
                                + "[,legacy]", "shut the switch down and remove exactly what create made"),
                        new ActionDescriptor("CHECK", "check[=u:<user>][,b:<bridge>][,sock:<QEMUSOCK>]"
                                + "[,mgmt:<QEMUMGMT>][,stp]", "exit 0 only when switch, TAP and sockets are healthy")
                                .checking("b", ValueKind.INTERFACE),
                        new ActionDescriptor("INFO", "info[=u:<user>][,mgmt:<QEMUMGMT>]", "the switch's showinfo"),
                        new ActionDescriptor("PORTS", "ports[=u:<user>][,mgmt:<QEMUMGMT>]", "the switch's port table"),
                        new ActionDescriptor("LIST", "list", "the current user's switches under CTYS_SOCKBASE"),
                        new ActionDescriptor("LISTALL", "listall", "every switch under CTYS_SOCKBASE")),
                List.of(Prerequisite.program("vde_switch", "vde2", "runs the virtual switch"),
                        Prerequisite.program("ip", "iproute2", "creates TAP devices and bridges"),
                        Prerequisite.program("flock", "util-linux", "serializes creates and cancels on a host"),
                        new Prerequisite(Prerequisite.Kind.DEVICE, "/dev/net/tun", "kernel module tun",
                                "opens TAP devices")),
                """
                VDE - virtual switches for QEMU guests (the ctys-setupVDE tool)

                A VDE switch (vde_switch) is plugged into a TAP device that sits in a Linux bridge, so guests \
                attached to the switch's data socket (QEMUSOCK) reach the bridge's network. The management \
                socket (QEMUMGMT) controls the switch.

                  ctys -t VDE -a create[=b:<bridge>,u:<user>] [targets]   same as: ctys-setupVDE create
                  ctys -t VDE -a cancel|check|info|ports|list|listall [targets]

                Sub-options follow the ctys-setupVDE options: b bridge (-b), i interface to enslave (-i), \
                u user[.group] (-u), g set-gid group (-g), sock QEMUSOCK (-s), mgmt QEMUMGMT (-S), f force (-f); \
                stp runs the switch's fast spanning tree (vde_switch -F), for switches whose cables close loops;
                legacy uses vde_tunctl, brctl and ifconfig instead of iproute2 (also chosen where ip is missing).
                Needs on each target: vde_switch (Debian vde2), ip (iproute2), flock (util-linux), /dev/net/tun.
                """);
    }

    /**
     * The ctys-setupVDE options, which are also a target's switch options ({@code h2'(-b br7 -u alice)'}); core
     * turns them into these sub-options.
     */
    @Override
    public Map<String, String> optionKeys() {
        return Map.of("-b", "b", "-i", "i", "-u", "u", "-g", "g", "-s", "sock", "-S", "mgmt", "-f", "f");
    }

    @Override
    public Optional<SwitchEndpoint> endpoint(String user, PluginContext context) {
        return find(SwitchRequest.ofUser(user), context);
    }

    @Override
    public SwitchEndpoint create(String user, PluginContext context) {
        return make(SwitchRequest.ofUser(user), context);
    }

    /** @return the sub-options of {@code -t VDE -a create} that stand for the request */
    static SubOptions subOptions(SwitchRequest request) {
        List<SubOption> options = new ArrayList<>();
        add(options, "u", request.user());
        add(options, "g", request.accessGroup());
        add(options, "b", request.bridge());
        add(options, "i", request.iface());
        add(options, "sock", request.sock());
        add(options, "mgmt", request.mgmt());
        if (request.spanningTree()) {
            options.add(new SubOption("stp", null));
        }
        return new SubOptions(options);
    }

    private static void add(List<SubOption> options, String key, String value) {
        if (value != null) {
            options.add(new SubOption(key, value));
        }
    }

    @Override
    public Optional<SwitchEndpoint> find(SwitchRequest request, PluginContext context) {
        return new SwitchActions(subOptions(request), context).endpoint();
    }

    @Override
    public SwitchEndpoint make(SwitchRequest request, PluginContext context) {
        return SwitchActions.changing(subOptions(request), context, actions -> {
            actions.create();
            return actions.endpointOf();
        });
    }

    @Override
    public boolean cancel(SwitchRequest request, PluginContext context) {
        return SwitchActions.changing(subOptions(request), context, SwitchActions::cancel).changed();
    }

    @Override
    public ActionResult perform(ActionRequest request, PluginContext context) {
        SubOptions options = request.subOptions();
        return switch (request.action()) {
            case "CREATE" -> SwitchActions.changing(options, context, SwitchActions::create);
            case "CANCEL" -> SwitchActions.changing(options, context, SwitchActions::cancel);
            default -> query(request, new SwitchActions(options, context));
        };
    }

    private ActionResult query(ActionRequest request, SwitchActions actions) {
        return switch (request.action()) {
            case "CHECK" -> actions.check();
            case "INFO" -> actions.info();
            case "PORTS" -> actions.ports();
            case "LIST" -> actions.list(false);
            case "LISTALL" -> actions.list(true);
            default -> throw notAvailableYet(request);
        };
    }
}
