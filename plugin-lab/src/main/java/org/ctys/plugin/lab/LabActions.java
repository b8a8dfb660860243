package org.ctys.plugin.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.ctys.api.ActionResult;
import org.ctys.api.CtysException;
import org.ctys.api.EnvironmentException;
import org.ctys.api.TargetFailureException;
import org.ctys.spi.PluginContext;

/**
 * The LAB actions, from the control host: the lab file read there, the labs it runs recorded there, the hosts
 * reached from there.
 */
final class LabActions {

    private final PluginContext context;
    private final LabRecords records;

    LabActions(PluginContext context) {
        this.context = context;
        this.records = new LabRecords(context);
    }

    /**
     * Brings the lab up: its record first (so that an interrupted create can be cancelled), then what an earlier
     * version of the file had and this one dropped is removed, then every switch is made or repaired.
     */
    ActionResult create(String file) {
        String text = LabFiles.text(file, context);
        Lab lab = LabFiles.parse(text, file, context);
        if (!lab.guests().isEmpty()) {
            throw new EnvironmentException("lab " + lab.name() + " has " + count(lab.guests().size(), "guest",
                    "guests") + "; this version of the LAB plugin brings up switches and cables only");
        }
        lab.cables().stream().filter(c -> c.kind() == Cable.Kind.VXLAN && !c.link().none()).findFirst()
                .ifPresent(c -> {
                    throw new EnvironmentException("cable " + c.label() + " of lab " + lab.name() + " is vxlan "
                            + "with link emulation, which this version makes on ssh cables only (wirefilter)");
                });
        Optional<Lab> before = recorded(lab.name());
        records.write(lab.name(), text);
        Steps steps = new Steps();
        before.ifPresent(old -> steps.add(removeDropped(old, lab)));
        steps.add(new LabSwitches(lab, context).create());
        steps.add(new LabCables(lab, context).create());
        steps.add(new LabVxlan(lab, context).create());
        return steps.result("lab " + lab.name() + " is up");
    }

    /** The tables of several steps as one result. */
    private static final class Steps {
        private final List<Map<String, Object>> rows = new ArrayList<>();
        private boolean changed;

        void add(ActionResult step) {
            rows.addAll(step.records());
            changed |= step.changed();
        }

        ActionResult result(String message) {
            return new ActionResult(message, rows, changed);
        }
    }

    /** Stops the cables and removes the switches that {@code old} had and {@code now} lacks or changed. */
    private ActionResult removeDropped(Lab old, Lab now) {
        Steps steps = new Steps();
        List<Cable> cables = old.cables().stream().filter(c -> !now.cables().contains(c)).toList();
        if (!cables.isEmpty()) {
            steps.add(new LabCables(old.withCables(cables), context).cancel());
            steps.add(new LabVxlan(old.withCables(cables), context).cancel());
        }
        Lab dropped = old.only(droppedSwitches(old, now));
        if (!dropped.switches().isEmpty()) {
            steps.add(new LabSwitches(dropped, context).cancel());
        }
        return steps.result("");
    }

    /** Fails, with the table of everything, when a switch or a cable is not up. */
    ActionResult check(String file) {
        Lab lab = LabFiles.parse(LabFiles.text(file, context), file, context);
        Steps steps = new Steps();
        List<String> bad = new ArrayList<>();
        for (java.util.function.Supplier<ActionResult> step : List.<java.util.function.Supplier<ActionResult>>of(
                () -> new LabSwitches(lab, context).check(), () -> new LabCables(lab, context).check(),
                () -> new LabVxlan(lab, context).check())) {
            try {
                steps.add(step.get());
            } catch (TargetFailureException e) {
                steps.add(e.partial());
                bad.add(e.getMessage().substring(("lab " + lab.name() + ": ").length()));
            }
        }
        ActionResult result = steps.result("lab " + lab.name() + " is up");
        if (!bad.isEmpty()) {
            throw new TargetFailureException(TargetFailureException.Reason.EXIT, "lab " + lab.name() + ": "
                    + String.join("; ", bad), result);
        }
        return result;
    }

    /** Removes the cables and switches of the file's lab and of its record, which may name more; forgets it. */
    ActionResult cancel(String file) {
        Lab lab = LabFiles.parse(LabFiles.text(file, context), file, context);
        Steps steps = new Steps();
        recorded(lab.name()).ifPresent(old -> steps.add(removeDropped(old, lab)));
        steps.add(new LabCables(lab, context).cancel());
        steps.add(new LabVxlan(lab, context).cancel());
        steps.add(new LabSwitches(lab, context).cancel());
        records.remove(lab.name());
        return steps.result("lab " + lab.name() + " is removed");
    }

    /** One record per lab this user runs, from the records: how many of its switches are up. */
    ActionResult list() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LabRecords.Entry entry : records.list()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("lab", entry.name());
            try {
                Lab lab = LabFiles.parse(entry.text(), "the record of lab " + entry.name(), context);
                LabSwitches.Table table = new LabSwitches(lab, context).survey();
                long up = table.rows().stream().filter(r -> "up".equals(r.get("status"))).count();
                // the cables' supervisors are on this host: their state needs no host reached
                long cablesUp = lab.cables().isEmpty() ? 0 : new LabCables(lab, context).running();
                row.put("hosts", lab.switches().values().stream().map(s -> s.host().toString()).distinct().toList());
                row.put("switches", lab.switches().size());
                row.put("up", up);
                row.put("cables", lab.cables().size());
                row.put("cablesUp", cablesUp);
                row.put("state", up == lab.switches().size() && cablesUp == lab.cables().size() ? "up"
                        : up == 0 && cablesUp == 0 ? "down" : "degraded");
            } catch (CtysException e) {
                row.put("hosts", List.of());
                row.put("switches", null);
                row.put("up", null);
                row.put("cables", null);
                row.put("cablesUp", null);
                row.put("state", "unreadable: " + e.getMessage());
            }
            rows.add(row);
        }
        return ActionResult.unchanged(count(rows.size(), "lab", "labs"), rows);
    }

    ActionResult graph(String file, boolean mermaid) {
        Lab lab = LabFiles.parse(LabFiles.text(file, context), file, context);
        String summary = "lab " + lab.name() + ": " + count(lab.switches().size(), "switch", "switches") + ", "
                + count(lab.cables().size(), "cable", "cables") + ", " + count(lab.guests().size(), "guest",
                "guests");
        return ActionResult.document(summary, mermaid ? Graph.mermaid(lab) : Graph.dot(lab));
    }

    private Optional<Lab> recorded(String name) {
        return records.read(name).map(text -> LabFiles.parse(text, "the record of lab " + name, context));
    }

    /** @return the switches of {@code before} that {@code now} lacks, or has on another host or with other options */
    private static Set<String> droppedSwitches(Lab before, Lab now) {
        return before.switches().values().stream()
                .filter(old -> !old.equals(now.switches().get(old.name())))
                .map(LabSwitch::name).collect(Collectors.toSet());
    }

    static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
