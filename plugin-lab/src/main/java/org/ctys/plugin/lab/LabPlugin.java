package org.ctys.plugin.lab;

import java.util.List;
import java.util.Set;
import org.ctys.api.ActionRequest;
import org.ctys.api.ActionResult;
import org.ctys.api.UsageException;
import org.ctys.spi.ActionDescriptor;
import org.ctys.spi.PluginContext;
import org.ctys.spi.Prerequisite;
import org.ctys.spi.support.AbstractCtysPlugin;

/** Session type LAB: VDE switches on a group of hosts wired into one network, from one lab file. */
public final class LabPlugin extends AbstractCtysPlugin {

    /** Declares the session type and its actions. */
    public LabPlugin() {
        super(Set.of("LAB"), List.of(
                new ActionDescriptor("CREATE", "create=f:<file>",
                        "bring the lab's switches up on their hosts, in parallel; repair what broke"),
                new ActionDescriptor("CHECK", "check=f:<file>", "whether every switch of the lab is up"),
                new ActionDescriptor("CANCEL", "cancel=f:<file>", "remove every switch the lab made"),
                new ActionDescriptor("LIST", "list", "the labs this user runs, from their records, and their state"),
                new ActionDescriptor("GRAPH", "graph=f:<file>[,mermaid]",
                        "the lab's topology as Graphviz DOT, or Mermaid with mermaid")),
                // on the control host, where a lab's actions run; the hosts need what the VDE plugin needs
                List.of(Prerequisite.program("dpipe", "vde2", "joins the two ends of an ssh cable"),
                        Prerequisite.program("wirefilter", "vde2", "emulates a cable's delay, loss and rate"),
                        Prerequisite.program("ssh", "openssh-client", "reaches each end of an ssh cable"),
                        Prerequisite.program("setsid", "util-linux", "runs each cable's supervisor"),
                        Prerequisite.program("pkill", "procps", "stops a cable's supervisor and what it runs")),
                """
                LAB - switches on a group of hosts wired into one network, from one lab file

                  ctys -t LAB -a create|check|cancel=f:<file>
                  ctys -t LAB -a list
                  ctys -t LAB -a graph=f:<file>[,mermaid]

                A lab file (YAML) names the lab, its switches (each on a host, with the VDE create options \
                bridge, interface, user, group), the cables between switches (kind ssh or vxlan, with delay, \
                jitter, loss and rate) and the guests plugged into switches (a QEMU or KVM definition on the \
                switch's host). create brings the switches up on their hosts from this host, all hosts at once, each \
                a VDE switch of its own (sockets <base>/lab-<lab>.<switch>.sock and .mgmt, bridge <lab>-<switch> \
                unless given); check says whether each is up; cancel removes them. create records the lab in \
                ~/.local/state/ctys/labs ($XDG_STATE_HOME), where list finds the labs this user runs and says how \
                many of their switches are up, and where create and cancel find what a changed file dropped. \
                An ssh cable is a supervised dpipe on this host joining a vde_plug on each end's switch, each \
                over ssh, with wirefilter between for delay, loss and rate; a vxlan cable is a VXLAN device in each \
                end's bridge. This version starts no guests: create refuses a lab with guests. graph checks the \
                file and prints its topology as Graphviz DOT (ctys -t LAB -a graph=f:lab.yaml | dot -Tsvg > \
                lab.svg), or as Mermaid with mermaid. The file is read on the target, which is this host when no \
                target is named.
                """);
    }

    @Override
    public ActionResult perform(ActionRequest request, PluginContext context) {
        LabActions actions = new LabActions(context);
        if (request.action().equals("LIST")) {
            return actions.list();
        }
        String file = request.subOptions().value("f").orElseThrow(() -> new UsageException(
                "LAB " + request.action().toLowerCase(java.util.Locale.ROOT) + " needs the lab file: f:<file>"));
        return switch (request.action()) {
            case "CREATE" -> actions.create(file);
            case "CHECK" -> actions.check(file);
            case "CANCEL" -> actions.cancel(file);
            case "GRAPH" -> actions.graph(file, request.subOptions().has("mermaid"));
            default -> throw new UsageException("unknown action '" + request.action() + "' for session type LAB");
        };
    }
}
