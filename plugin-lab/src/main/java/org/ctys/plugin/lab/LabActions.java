package org.ctys.plugin.lab;

import java.util.ArrayList;
import java.util.List;
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
     * version of the file had and this one dropped is removed, then every switch and cable is made or repaired.
     */
    ActionResult create(String file) {
        String text = LabFiles.text(file, context);
        Lab lab = LabFiles.parse(text, file, context);
        lab.cables().stream().filter(c -> c.kind() == Cable.Kind.VXLAN && !c.link().none()).findFirst()
                .ifPresent(c -> {
                    throw new EnvironmentException("cable " + c.label() + " of lab " + lab.name() + " is vxlan "
                            + "with link emulation, which this version makes on ssh cables only (wirefilter)");
                });
        Optional<Lab> before = recorded(lab.name());
        records.write(lab.name(), text);
        LabTable table = new LabTable(lab.name());
        before.ifPresent(old -> removeDropped(old, lab, table));
        table.add(() -> new LabSwitches(lab, context).create());
        table.add(() -> new LabCables(lab, context).create());
        table.add(() -> new LabVxlan(lab, context).create());
        table.add(() -> new LabGuests(lab, context).create());
        return table.result("lab " + lab.name() + " is up");
    }

    /**
     * Stops the guests and cables and removes the switches that {@code old} had and {@code now} lacks or changed; a
     * guest or cable on a switch that changed goes too, since it plugs into the switch as it was.
     */
    private void removeDropped(Lab old, Lab now, LabTable table) {
        Set<String> droppedSwitches = droppedSwitches(old, now);
        List<LabGuest> guests = old.guests().values().stream().filter(g -> !g.equals(now.guests().get(g.name()))
                || droppedSwitches.contains(g.switchName())).toList();
        if (!guests.isEmpty()) {
            table.add(() -> new LabGuests(old.withGuests(guests), context).cancel());
        }
        List<Cable> cables = old.cables().stream().filter(c -> !now.cables().contains(c)
                || droppedSwitches.contains(c.from()) || droppedSwitches.contains(c.to())).toList();
        if (!cables.isEmpty()) {
            table.add(() -> new LabCables(old.withCables(cables), context).cancel());
            table.add(() -> new LabVxlan(old.withCables(cables), context).cancel());
        }
        Lab dropped = old.only(droppedSwitches);
        if (!dropped.switches().isEmpty()) {
            table.add(() -> new LabSwitches(dropped, context).cancel());
        }
    }

    /** Fails, with the table of everything, when a switch, a cable or a guest is not up. */
    ActionResult check(String file) {
        Lab lab = LabFiles.parse(LabFiles.text(file, context), file, context);
        LabTable table = new LabTable(lab.name());
        table.add(() -> new LabSwitches(lab, context).check());
        table.add(() -> new LabCables(lab, context).check());
        table.add(() -> new LabVxlan(lab, context).check());
        table.add(() -> new LabGuests(lab, context).check());
        return table.result("lab " + lab.name() + " is up");
    }

    /**
     * Removes the guests, cables and switches of the file's lab and of its record, which may name more; forgets it.
     */
    ActionResult cancel(String file) {
        Lab lab = LabFiles.parse(LabFiles.text(file, context), file, context);
        LabTable table = new LabTable(lab.name());
        recorded(lab.name()).ifPresent(old -> removeDropped(old, lab, table));
        table.add(() -> new LabGuests(lab, context).cancel());
        table.add(() -> new LabCables(lab, context).cancel());
        table.add(() -> new LabVxlan(lab, context).cancel());
        table.add(() -> new LabSwitches(lab, context).cancel());
        ActionResult result = table.result("lab " + lab.name() + " is removed");
        records.remove(lab.name());
        return result;
    }

    /** One record per lab this user runs, from the records: how many of its switches, cables and guests are up. */
    ActionResult list() {
        List<Listed> rows = new ArrayList<>();
        for (LabRecords.Entry entry : records.list()) {
            try {
                Lab lab = LabFiles.parse(entry.text(), "the record of lab " + entry.name(), context);
                long up = new LabSwitches(lab, context).survey().up();
                LabTable cables = new LabTable(lab.name());
                cables.add(() -> new LabCables(lab, context).check());
                cables.add(() -> new LabVxlan(lab, context).check());
                long cablesUp = cables.up();
                LabTable guests = new LabTable(lab.name());
                guests.add(() -> new LabGuests(lab, context).check());
                long guestsUp = guests.up();
                boolean all = up == lab.switches().size() && cablesUp == lab.cables().size()
                        && guestsUp == lab.guests().size();
                rows.add(new Listed(entry.name(), lab.switches().values().stream().map(s -> s.host().toString())
                        .distinct().toList(), lab.switches().size(), up, lab.cables().size(), cablesUp,
                        lab.guests().size(), guestsUp, all ? "up" : up + cablesUp + guestsUp == 0 ? "down"
                        : "degraded"));
            } catch (CtysException e) {
                rows.add(new Listed(entry.name(), List.of(), null, null, null, null, null, null,
                        "unreadable: " + e.getMessage()));
            }
        }
        return ActionResult.unchanged(count(rows.size(), "lab", "labs"), rows);
    }

    /**
     * A lab as {@code list} reports it; the counts are {@code null} when its record cannot be read.
     *
     * @param lab the lab's name
     * @param hosts the hosts of its switches
     * @param switches how many switches it has
     * @param up how many of them are up
     * @param cables how many cables it has
     * @param cablesUp how many of them are up
     * @param guests how many guests it has
     * @param guestsUp how many of them are up
     * @param state {@code up}, {@code degraded}, {@code down} or {@code unreadable: ...}
     */
    public record Listed(String lab, List<String> hosts, Integer switches, Long up, Integer cables, Long cablesUp,
                         Integer guests, Long guestsUp, String state) {
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
