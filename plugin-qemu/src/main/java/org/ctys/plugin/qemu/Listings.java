package org.ctys.plugin.qemu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ctys.api.ActionResult;
import org.ctys.api.SubOptions;
import org.ctys.spi.DataParser;
import org.ctys.spi.PluginContext;
import org.ctys.spi.RunningGuest;

/** {@code -a list} (the guests ctys started on a target) and {@code -a enumerate} (the definitions there). */
final class Listings {

    private Listings() {
    }

    static ActionResult guests(PluginContext context) {
        Survey survey = Survey.read(context.runner(), context.socketBase(), List.of());
        List<Map<String, Object>> rows = survey.guests().stream().map(Listings::record).toList();
        long running = survey.guests().stream().filter(Survey.Guest::running).count();
        return ActionResult.unchanged(running + " guests running" + (rows.size() > running ? ", "
                + (rows.size() - running) + " stale (cancel removes them)" : ""), rows);
    }

    static Map<String, Object> record(Survey.Guest guest) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("label", guest.label());
        row.put("status", guest.running() ? "running" : "stale");
        row.put("pid", CancelGuest.number(guest.pid()));
        row.put("user", guest.user());
        row.put("type", guest.state().getOrDefault("type", ""));
        row.put("macs", split(guest.state().get("macs")));
        row.put("switch", split(guest.state().get("switch")));
        row.put("qmp", guest.prefix() + ".qmp");
        row.put("accel", guest.state().getOrDefault("accel", ""));
        return row;
    }

    /** @return the guest as the guest service reports it */
    static RunningGuest guest(Survey.Guest guest, String status) {
        Long pid = CancelGuest.number(guest.pid());
        return new RunningGuest(guest.label(), pid == null ? 0 : pid, status, split(guest.state().get("macs")));
    }

    static List<String> split(String value) {
        return value == null || value.isEmpty() ? List.of() : List.of(value.split(","));
    }

    static ActionResult definitions(PluginContext context, SubOptions options) {
        Survey survey = Survey.read(context.runner(), context.socketBase(),
                QemuEngine.locations(context, options.value("f").orElse(null)));
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, String> first = new HashMap<>();
        int invalid = 0;
        DataParser parser = QemuEngine.parser(context);
        for (Survey.DefinitionFile file : survey.files()) {
            DefinitionReader.Outcome outcome = DefinitionReader.read(parser, file);
            String label = outcome.label();
            List<String> problems = new ArrayList<>(outcome.problems());
            VmDefinition vm = outcome.definition().orElse(null);
            String shadowing = first.putIfAbsent(label, file.path());
            if (shadowing != null) {
                problems.add(file.path() + ": label '" + label + "' is already defined by " + shadowing
                        + ", which comes first in the path");
            }
            invalid += problems.isEmpty() ? 0 : 1;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("label", label);
            row.put("file", file.path());
            row.put("memoryMib", vm == null ? null : vm.memoryMib());
            row.put("cpus", vm == null ? null : vm.cpus());
            row.put("macs", vm == null ? List.of() : vm.nics().stream().map(VmDefinition.Nic::mac).toList());
            row.put("boot", vm == null ? null : vm.boot());
            row.put("valid", problems.isEmpty());
            row.put("problems", problems);
            rows.add(row);
        }
        return ActionResult.unchanged(rows.size() + " definitions, " + invalid + " with problems", rows);
    }
}
