package org.ctys.plugin.qemu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ctys.api.ActionResult;
import org.ctys.api.Column;
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
        List<Listed> rows = survey.guests().stream().map(Listings::record).toList();
        long running = survey.guests().stream().filter(Survey.Guest::running).count();
        return ActionResult.unchanged(running + " guests running" + (rows.size() > running ? ", "
                + (rows.size() - running) + " stale (cancel removes them)" : ""), rows);
    }

    static Listed record(Survey.Guest guest) {
        return new Listed(guest.label(), guest.running() ? "running" : "stale", CancelGuest.number(guest.pid()),
                guest.user(), guest.state().getOrDefault("type", ""), split(guest.state().get("macs")),
                split(guest.state().get("switch")), guest.prefix() + ".qmp", guest.state().getOrDefault("accel", ""));
    }

    /**
     * A guest as {@code list} reports it.
     *
     * @param label the guest's label
     * @param status {@code running}, or {@code stale} when its process is gone and its files remain
     * @param pid its QEMU process, or {@code null}
     * @param user the user it runs as
     * @param type the session type that started it, {@code QEMU} or {@code KVM}
     * @param macs the MAC address of each nic
     * @param sockets the data socket of each nic
     * @param qmp its QMP socket
     * @param accel how its CPUs run
     */
    public record Listed(String label, String status, Long pid, String user, String type, List<String> macs,
                         @Column("switch") List<String> sockets, String qmp, String accel) {
    }

    /**
     * A definition as {@code enumerate} reports it; what could not be read is {@code null}.
     *
     * @param label the guest's label
     * @param file the definition file
     * @param memoryMib memory in MiB
     * @param cpus virtual CPUs
     * @param macs the MAC address of each nic
     * @param boot the boot order in QEMU's letters
     * @param valid whether the definition has no problems
     * @param problems what is wrong with it, one line each
     */
    public record Definition(String label, String file, Integer memoryMib, Integer cpus, List<String> macs,
                             String boot, boolean valid, List<String> problems) {
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
        List<Definition> rows = new ArrayList<>();
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
            rows.add(vm == null ? new Definition(label, file.path(), null, null, List.of(), null, problems.isEmpty(),
                    problems)
                    : new Definition(label, file.path(), vm.memoryMib(), vm.cpus(),
                            vm.nics().stream().map(VmDefinition.Nic::mac).toList(), vm.boot(), problems.isEmpty(),
                            problems));
        }
        return ActionResult.unchanged(rows.size() + " definitions, " + invalid + " with problems", rows);
    }
}
