package org.ctys.plugin.lab;

import java.util.List;
import org.ctys.api.ActionResult;

/** The status column of a LAB action's table, as the tests compare it. */
final class Statuses {

    private Statuses() {
    }

    static List<String> of(ActionResult result) {
        return result.records(LabTable.Part.class).stream().map(LabTable.Part::status).toList();
    }
}
