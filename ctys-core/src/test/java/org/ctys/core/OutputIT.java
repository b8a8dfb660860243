package org.ctys.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ctys.core.testing.CtysRun;
import org.ctys.core.testing.OutputSchemas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What scripts read, held to docs/OUTPUT.md: with no, one and several switches on two hosts, {@code -X} prints
 * records only, and every record of every VDE action (and of the QEMU, KVM and CLI actions that need no guest) has
 * exactly the fields of its table there, in that order, each of the documented JSON type. QemuIT does the same
 * for the QEMU and KVM actions that need guests.
 */
class OutputIT extends OnSwitchHosts {

    private static OutputSchemas schemas;

    @BeforeAll
    static void startHosts() throws Exception {
        start(2, "vde_switch");
        schemas = OutputSchemas.read();
    }

    @AfterEach
    void cancel() throws Exception {
        ctys("-t", "VDE", "-a", "cancel", "h1", "h2");
    }

    @Test
    void terseOutputIsRecordsOnlyWithNoneOneAndManyResults() throws Exception {
        CtysRun none = ctys("-t", "VDE", "-a", "list", "-X", "h1", "h2");
        assertEquals("", none.out(), none.err());
        assertEquals(List.of("ctys: h1: ok: 0 switches", "ctys: h2: ok: 0 switches"),
                none.err().lines().sorted().toList());
        assertEquals(0, ctys("-t", "VDE", "-a", "create", "h1").code());
        CtysRun one = ctys("-t", "VDE", "-a", "list", "-X", "h1", "h2");
        assertEquals(1, one.out().lines().count(), one.out());
        assertTrue(one.out().startsWith("h1;" + base + "/vde_switch0.root;root;root;"), one.out());
        assertEquals(0, ctys("-t", "VDE", "-a", "create", "h2").code());
        CtysRun two = ctys("-t", "VDE", "-a", "list", "-X", "h1", "h2");
        assertEquals(List.of("h1", "h2"), two.out().lines().map(l -> l.split(";")[0]).toList(), two.out());
        assertEquals("", two.err());
    }

    @Test
    void everyRecordHasTheDocumentedFieldsAndTypes() throws Exception {
        int checked = 0;
        checked += check("VDE create", "-t", "VDE", "-a", "create", "h1", "h2");
        for (String action : List.of("check", "list", "listall", "info", "ports")) {
            checked += check("VDE " + action, "-t", "VDE", "-a", action, "h1", "h2");
        }
        checked += check("VDE cancel", "-t", "VDE", "-a", "cancel", "h1", "h2");
        checked += check("QEMU info", "-t", "QEMU", "-a", "info", "h1", "h2");
        checked += check("KVM info", "-t", "KVM", "-a", "info", "h1", "h2");
        checked += check("CLI create", "-t", "CLI", "-a", "create=l:x,cmd:echo%1", "h1", "h2");
        System.out.println("OutputIT: " + checked + " records held to docs/OUTPUT.md");
    }

    /** @return how many records the action's JSON document had, each checked against its table */
    private static int check(String action, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.add("--json");
        CtysRun run = ctys(argv.toArray(String[]::new));
        int count = schemas.check(action, run);
        assertTrue(count > 0, action + " gave records: " + run.out());
        return count;
    }
}
