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
        if (!lab.cables().isEmpty() || !lab.guests().isEmpty()) {
            throw new EnvironmentException("lab " + lab.name() + " has " + count(lab.cables().size(), "cable",
                    "cables") + " and " + count(lab.guests().size(), "guest", "guests")
                    + "; this version of the LAB plugin brings up switches only");
        }
        Optional<Lab> before = recorded(lab.name());
        records.write(lab.name(), text);
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean changed = false;
        if (before.isPresent()) {
            Lab dropped = before.get().only(droppedSwitches(before.get(), lab));
            if (!dropped.switches().isEmpty()) {
                ActionResult removed = new LabSwitches(dropped, context).cancel();
                rows.addAll(removed.records());
                changed = removed.changed();
            }
        }
        ActionResult made = new LabSwitches(lab, context).create();
        rows.addAll(made.records());
        return new ActionResult(made.message(), rows, changed || made.changed());
    }

    ActionResult check(String file) {
        return new LabSwitches(LabFiles.parse(LabFiles.text(file, context), file, context), context).check();
    }

    /** Removes the switches of the file's lab and of its record, which may name more, then forgets the lab. */
    ActionResult cancel(String file) {
        Lab lab = LabFiles.parse(LabFiles.text(file, context), file, context);
        Optional<Lab> before = recorded(lab.name());
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean changed = false;
        if (before.isPresent()) {
            Lab dropped = before.get().only(droppedSwitches(before.get(), lab));
            if (!dropped.switches().isEmpty()) {
                ActionResult removed = new LabSwitches(dropped, context).cancel();
                rows.addAll(removed.records());
                changed = removed.changed();
            }
        }
        ActionResult removed = new LabSwitches(lab, context).cancel();
        rows.addAll(removed.records());
        records.remove(lab.name());
        return new ActionResult(removed.message(), rows, changed || removed.changed());
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
                row.put("hosts", lab.switches().values().stream().map(s -> s.host().toString()).distinct().toList());
                row.put("switches", lab.switches().size());
                row.put("up", up);
                row.put("state", up == lab.switches().size() ? "up" : up == 0 ? "down" : "degraded");
            } catch (CtysException e) {
                row.put("hosts", List.of());
                row.put("switches", null);
                row.put("up", null);
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
