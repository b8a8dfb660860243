package org.ctys.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SynopsisTest {

    private static List<String> specs(String action, String synopsis) {
        return new ActionDescriptor(action, synopsis, "s").subOptions().stream()
                .map(s -> s + (s.required() ? "!" : "")).toList();
    }

    @Test
    void optionalValuesAndFlagsAreRead() {
        assertEquals(List.of("b:<bridge>", "i:<iface>", "u:<user>[.<group>]", "g:<group>", "legacy"),
                specs("CREATE", "create[=b:<bridge>][,i:<iface>][,u:<user>[.<group>]][,g:<group>][,legacy]"));
        assertEquals(List.of("f", "sock:<QEMUSOCK>"), specs("CANCEL", "cancel[=f][,sock:<QEMUSOCK>]"));
    }

    @Test
    void whatStandsOutsideBracketsIsRequiredUnlessItIsAChoice() {
        assertEquals(List.of("l:<label>!", "cmd:<command>!", "s:<shell>"),
                specs("CREATE", "create=l:<label>,cmd:<command>[,s:<shell>]"));
        assertEquals(List.of("l:<label>!", "poweroff", "reset", "timeout:<s>"),
                specs("CANCEL", "cancel=l:<label>[,poweroff|reset][,timeout:<s>]"));
        assertEquals(List.of("a", "b"), specs("X", "x=a|b"));
    }

    @Test
    void anActionWithoutSubOptionsDeclaresNone() {
        assertEquals(List.of(), specs("LIST", "list"));
    }

    @Test
    void aSynopsisThatCannotBeReadIsRefusedWithItsReason() {
        for (String bad : List.of("create[=b:<bridge>", "create b", "other=x", "create[=]", "create=a,,b",
                "create=<x>", "create=b:", "create=b:<x>>")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ActionDescriptor("CREATE", bad, "s"), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }
}
