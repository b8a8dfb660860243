package org.ctys.plugin.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.ctys.api.ActionResult;
import org.ctys.api.TargetFailureException;

/**
 * What a LAB action prints: one row per part of the lab ({@code lab;part;kind;on;detail;status}), whether it changed
 * something, and what is not well, which fails the action with the table.
 */
final class LabTable {

    private final String lab;
    private final List<Map<String, Object>> rows = new ArrayList<>();
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
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("lab", lab);
        row.put("part", part);
        row.put("kind", kind);
        row.put("on", on);
        row.put("detail", detail);
        row.put("status", status);
        rows.add(row);
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
            rows.addAll(result.records());
            changed |= result.changed();
        }
    }

    List<Map<String, Object>> rows() {
        return List.copyOf(rows);
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
