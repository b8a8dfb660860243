package org.ctys.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColumnsTest {

    /** A switch as an action prints it; {@code switch} is a keyword, so the column is named. */
    public record Row(@Column("switch") String mgmt, int port, boolean up, List<String> macs) {
    }

    /** Holds a value core cannot print. */
    public record Odd(Object thing) {
    }

    record Hidden(String name) {
    }

    @Test
    void aRecordsComponentsAreItsColumnsInOrderNamedByColumnWhereGiven() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("switch", "/run/m");
        expected.put("port", 3);
        expected.put("up", true);
        expected.put("macs", List.of("52:54:00:00:00:01"));
        Map<String, Object> columns = Columns.of(new Row("/run/m", 3, true, List.of("52:54:00:00:00:01")));
        assertEquals(expected, columns);
        assertEquals(List.of("switch", "port", "up", "macs"), List.copyOf(columns.keySet()));
    }

    @Test
    void aListIsCopiedSoTheTablePrintedIsTheOneReturned() {
        List<String> macs = new ArrayList<>(List.of("a"));
        Map<String, Object> columns = Columns.of(new Row("/m", 1, false, macs));
        macs.add("b");
        assertEquals(List.of("a"), columns.get("macs"));
    }

    @Test
    void aResultRefusesRecordsCoreCannotPrint() {
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                () -> ActionResult.unchanged("x", List.of(new Odd(new Object()))));
        assertEquals(Odd.class.getName() + " holds java.lang.Object in column 'thing'; expected text, numbers, "
                + "booleans or lists of them", odd.getMessage());
        IllegalArgumentException hidden = assertThrows(IllegalArgumentException.class,
                () -> ActionResult.unchanged("x", List.of(new Hidden("n"))));
        assertEquals("record type " + Hidden.class.getName() + " must be public to be printed", hidden.getMessage());
    }

    @Test
    void aCallerThatKnowsTheTypeReadsTheRecordsTyped() {
        ActionResult result = ActionResult.changed("made", List.of(new Row("/m", 1, true, List.of())));
        assertEquals(1, result.records(Row.class).get(0).port());
        assertThrows(ClassCastException.class, () -> result.records(Odd.class));
    }
}
