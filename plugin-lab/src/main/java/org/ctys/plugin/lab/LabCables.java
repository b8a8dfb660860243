package org.ctys.plugin.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ctys.api.ActionResult;
import org.ctys.api.EnvironmentException;
import org.ctys.api.Target;
import org.ctys.api.TargetFailureException;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandResult;
import org.ctys.spi.PluginContext;
import org.ctys.spi.support.Scripts;

/**
 * A lab's ssh cables, on the control host: for each a supervisor keeps {@code dpipe} joining a {@code vde_plug} on
 * the switch at each end, each reached over an ssh connection of its own that core writes, with VDE's
 * {@code wirefilter} in between when the cable emulates a link. The hosts need not reach or trust each other.
 */
final class LabCables {

    private final Lab lab;
    private final PluginContext context;
    private final List<Cable> cables;

    LabCables(Lab lab, PluginContext context) {
        this.lab = lab;
        this.context = context;
        this.cables = lab.cables().stream().filter(c -> c.kind() == Cable.Kind.SSH).toList();
    }

    /** @return the name of a cable's supervisor, pid file and log: {@code <lab>.<from>-<to>} */
    static String id(Lab lab, Cable cable) {
        return lab.name() + "." + cable.label();
    }

    /** @return the command line that carries the cable: dpipe, each end's plug, the link emulation between */
    List<String> dpipe(Cable cable) {
        List<String> argv = new ArrayList<>(List.of("dpipe"));
        argv.addAll(plug(cable.from()));
        if (!cable.link().none()) {
            argv.add("=");
            argv.add("wirefilter");
            argv.addAll(cable.link().wirefilter());
        }
        argv.add("=");
        argv.addAll(plug(cable.to()));
        return argv;
    }

    private List<String> plug(String switchName) {
        LabSwitch end = lab.switches().get(switchName);
        String sock = LabSwitches.request(lab, end, context.socketBase()).sock();
        return context.standaloneCommand(end.host(), Command.of("vde_plug", sock));
    }

    /** Starts the supervisor of every cable that has none running. */
    ActionResult create() {
        return each("up", cable -> {
            List<String> argv = new ArrayList<>(List.of("start", id(lab, cable)));
            argv.addAll(dpipe(cable));
            return run(Scripts.command(LabCables.class, "cable.sh", argv.toArray(String[]::new)));
        });
    }

    /** Says which cables run. */
    ActionResult check() {
        return each("up", cable -> {
            CommandResult result = context.runner().run(Scripts.command(LabCables.class, "cable.sh", "status",
                    id(lab, cable)).asReadOnly());
            return result.succeeded() ? "up" : "down: " + result.stdout().strip();
        });
    }

    /** Stops every cable's supervisor, and waits until their plugs on the hosts are gone too. */
    ActionResult cancel() {
        ActionResult result = each("removed", cable -> run(Scripts.command(LabCables.class, "cable.sh", "stop",
                id(lab, cable))));
        Map<Target, List<String>> socks = new LinkedHashMap<>();
        for (Cable cable : cables) {
            for (String end : List.of(cable.from(), cable.to())) {
                LabSwitch labSwitch = lab.switches().get(end);
                socks.computeIfAbsent(labSwitch.host(), h -> new ArrayList<>())
                        .add(LabSwitches.request(lab, labSwitch, context.socketBase()).sock());
            }
        }
        for (var outcome : context.onEach(List.copyOf(socks.keySet()), host -> host.runner().run(
                Scripts.command(LabCables.class, "unplugged.sh", socks.get(host.target()).toArray(String[]::new))))) {
            if (!outcome.succeeded() || !outcome.value().succeeded()) {
                throw new TargetFailureException(TargetFailureException.Reason.EXIT, "lab " + lab.name() + ": "
                        + "the cables' plugs on " + outcome.target().address() + " did not end: " + (outcome.succeeded()
                        ? outcome.value().stderr().strip() : outcome.failure().getMessage()), result);
            }
        }
        return result;
    }

    private String run(Command command) {
        CommandResult result = context.runner().run(command);
        if (!result.succeeded()) {
            throw new EnvironmentException("the cables on " + context.target().address() + ": "
                    + result.stderr().strip().lines().reduce((a, b) -> b).orElse("exit " + result.exitCode()));
        }
        // a dry run plans the change and hears nothing back
        return result.stdout().isBlank() ? "planned" : result.stdout().strip();
    }

    private ActionResult each(String good, java.util.function.Function<Cable, String> step) {
        LabTable table = new LabTable(lab.name());
        for (Cable cable : cables) {
            String status = step.apply(cable);
            boolean well = List.of(good, "started", "absent", "planned").contains(status);
            table.row(cable.label(), cable.kind().written(), lab.switches().get(cable.from()).host() + "-"
                    + lab.switches().get(cable.to()).host(), cable.link().label(), status,
                    status.equals("started") || status.equals("removed"), well ? null : "cable " + cable.label()
                    + " is " + status);
        }
        return table.result("lab " + lab.name() + ": " + cables.size() + " ssh cables");
    }
}
