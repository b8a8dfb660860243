package org.ctys.plugin.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.ctys.api.ActionResult;
import org.ctys.api.TargetFailureException;

/**
 * What a LAB action prints: one row per part of the lab ({@code lab;part;kind;on;detail;status}), whether it changed
 * something, and what is not well, which fails the action with the table.
 */
final class LabTable {

    private final String lab;
    private final List<Part> rows = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private boolean changed;

    LabTable(String lab) {
        this.lab = lab;
    }

    /**
     * @param part the switch's or cable's name
     * @param kind {@code switch}, {@code ssh} or {@code vxlan}
     * @param on its host, or its hosts {@code a-b}
     * @param detail its bridge, link emulation or VNI
     * @param status what was found or done
     * @param changedIt whether the status means something was changed
     * @param problem what is not well, or {@code null}
     */
    void row(String part, String kind, String on, String detail, String status, boolean changedIt, String problem) {
        rows.add(new Part(lab, part, kind, on, detail, status));
        changed |= changedIt;
        if (problem != null) {
            problems.add(problem);
        }
    }

    /** Adds a step's table; a step that failed adds the table it had and its problems, and the others still run. */
    void add(Supplier<ActionResult> step) {
        ActionResult result;
        try {
            result = step.get();
        } catch (TargetFailureException e) {
            result = e.partial();
            problems.add(e.getMessage().substring(prefix().length()));
        }
        if (result != null) {
            rows.addAll(result.records(Part.class));
            changed |= result.changed();
        }
    }

    List<Part> rows() {
        return List.copyOf(rows);
    }

    /** @return how many of the parts are up */
    long up() {
        return rows.stream().filter(r -> "up".equals(r.status())).count();
    }

    /**
     * A part of a lab as create, check and cancel report it.
     *
     * @param lab the lab's name
     * @param part the switch's, cable's or guest's name
     * @param kind {@code switch}, {@code ssh}, {@code vxlan} or the guest's session type
     * @param on its host, or its hosts {@code a-b}
     * @param detail its bridge, link emulation, VNI or definition
     * @param status what was found or done
     */
    public record Part(String lab, String part, String kind, String on, String detail, String status) {
    }

    /**
     * @param message what the action did
     * @return the table
     * @throws TargetFailureException with the table when something is not well, naming each problem
     */
    ActionResult result(String message) {
        ActionResult result = new ActionResult(message, rows, changed);
        if (!problems.isEmpty()) {
            throw new TargetFailureException(TargetFailureException.Reason.EXIT, prefix()
                    + String.join("; ", problems), result);
        }
        return result;
    }

    private String prefix() {
        return "lab " + lab + ": ";
    }
}
