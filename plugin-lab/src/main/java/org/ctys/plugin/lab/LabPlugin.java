package org.ctys.plugin.lab;

import java.util.List;
import java.util.Set;
import org.ctys.api.ActionRequest;
import org.ctys.api.ActionResult;
import org.ctys.api.UsageException;
import org.ctys.spi.ActionDescriptor;
import org.ctys.spi.PluginContext;
import org.ctys.spi.support.AbstractCtysPlugin;

/** Session type LAB: VDE switches on a group of hosts wired into one network, from one lab file. */
public final class LabPlugin extends AbstractCtysPlugin {

    /** Declares the session type and its actions. */
    public LabPlugin() {
        super(Set.of("LAB"), List.of(
                new ActionDescriptor("GRAPH", "graph=f:<file>[,mermaid]",
                        "the lab's topology as Graphviz DOT, or Mermaid with mermaid")),
                List.of(),
                """
                LAB - switches on a group of hosts wired into one network, from one lab file

                  ctys -t LAB -a graph=f:<file>[,mermaid]

                A lab file (YAML) names the lab, its switches (each on a host, with the VDE create options \
                bridge, interface, user, group), the cables between switches (kind ssh or vxlan, with delay, \
                jitter, loss and rate) and the guests plugged into switches (a QEMU or KVM definition on the \
                switch's host). graph checks the file and prints its topology as Graphviz DOT \
                (ctys -t LAB -a graph=f:lab.yaml | dot -Tsvg > lab.svg), or as Mermaid with mermaid. The file is \
                read on the target, which is this host when no target is named.
                """);
    }

    @Override
    public ActionResult perform(ActionRequest request, PluginContext context) {
        String file = request.subOptions().value("f").orElseThrow(() -> new UsageException(
                "LAB " + request.action().toLowerCase(java.util.Locale.ROOT) + " needs the lab file: f:<file>"));
        Lab lab = LabFiles.read(file, context);
        if (request.action().equals("GRAPH")) {
            String summary = "lab " + lab.name() + ": " + count(lab.switches().size(), "switch", "switches") + ", "
                    + count(lab.cables().size(), "cable", "cables") + ", " + count(lab.guests().size(), "guest",
                    "guests");
            return ActionResult.document(summary, request.subOptions().has("mermaid") ? Graph.mermaid(lab)
                    : Graph.dot(lab));
        }
        throw new UsageException("unknown action '" + request.action() + "' for session type LAB");
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
