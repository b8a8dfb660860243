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

    /** @return how many of the cables run, without failing */
    long running() {
        return cables.stream().filter(cable -> context.runner().run(Scripts.command(LabCables.class,
                "cable.sh", "status", id(lab, cable)).asReadOnly()).succeeded()).count();
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
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        boolean changed = false;
        for (Cable cable : cables) {
            String status = step.apply(cable);
            changed |= status.equals("started") || status.equals("removed");
            if (!status.equals(good) && !status.equals("started") && !status.equals("absent")
                    && !status.equals("planned")) {
                bad.add("cable " + cable.label() + " is " + status);
            }
            rows.add(row(cable, status));
        }
        ActionResult result = new ActionResult("lab " + lab.name() + ": " + rows.size() + " cables", rows, changed);
        if (!bad.isEmpty()) {
            throw new TargetFailureException(TargetFailureException.Reason.EXIT, "lab " + lab.name() + ": "
                    + String.join("; ", bad), result);
        }
        return result;
    }

    private Map<String, Object> row(Cable cable, String status) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("lab", lab.name());
        row.put("part", cable.label());
        row.put("kind", cable.kind().written());
        Target from = lab.switches().get(cable.from()).host();
        Target to = lab.switches().get(cable.to()).host();
        row.put("on", from + "-" + to);
        row.put("detail", cable.link().label());
        row.put("status", status);
        return row;
    }
}
