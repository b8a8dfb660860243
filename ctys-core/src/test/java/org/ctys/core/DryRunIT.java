package org.ctys.core;

import static org.ctys.core.ConvergenceIT.ctys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ctys.core.testing.CtysRun;
import org.ctys.core.testing.ScratchDirectory;
import org.ctys.core.testing.ScratchNamespace;
import org.ctys.core.testing.SystemTests;
import org.junit.jupiter.api.Test;

/**
 * A dry run decides as the real run does, from the same looks (the management socket included): the same exit
 * code and error where the real run refuses, the same outcome where there is nothing to do, and a plan that shows
 * the input of every batch. Its JSON document is the real run's, with the plan added.
 */
class DryRunIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aDryRunRefusesWhereTheRunRefusesAndSaysWhenThereIsNothingToDo() throws Exception {
        SystemTests.requireRootAnd("vde_switch", "vde_plug");
        try (ScratchDirectory scratch = ScratchDirectory.create("ctys-dry-");
             ScratchNamespace host = ScratchNamespace.create()) {
            Path base = scratch.path();
            CtysRun planned = ctys(host, base, "create", "--dry-run");
            assertEquals(0, planned.code(), planned.toString());
            assertTrue(planned.out().contains("vde_switch -d -t tap"), planned.out());
            assertTrue(planned.out().contains("# changed: switch " + base + "/vde_mgmt0.root created\n"),
                    planned.out());
            // and the record the real run would print
            assertTrue(planned.out().strip().endsWith("# record: switch=" + base + "/vde_mgmt0.root sock=" + base
                    + "/vde_switch0.root tap=" + planned.out().split("-t ")[1].split(" ")[0]
                    + " bridge=ctysbr0 user=root group=root status=created"), planned.out());
            assertEquals("", ConvergenceIT.leftovers(host, base), "a dry run makes nothing");

            assertEquals(0, ctys(host, base, "create").code());
            CtysRun nothing = ctys(host, base, "create", "--dry-run", "-X");
            assertEquals("localhost;# ok: switch " + base + "/vde_mgmt0.root is up, unchanged", nothing.out()
                    .lines().findFirst().orElseThrow());
            assertTrue(nothing.out().lines().skip(1).allMatch(l -> l.startsWith("localhost;# record: ")),
                    "nothing to do but the record the real run prints: " + nothing.out());

            // its input is a pipe this test holds: it stays attached until it is ended, by its PID
            Process guest = host.start("vde_plug", base + "/vde_switch0.root");
            try {
                awaitPort(host, base);
                CtysRun dry = ctys(host, base, "cancel", "--dry-run");
                CtysRun real = ctys(host, base, "cancel");
                assertEquals(1, real.code(), real.toString());
                assertEquals(real.code(), dry.code(), dry.toString());
                assertEquals(real.err(), dry.err());
                assertEquals("", dry.out());
                assertEquals(0, ctys(host, base, "check").code(), "the refused cancel left the switch whole");
            } finally {
                guest.destroy();
                guest.waitFor();
            }
            JsonNode dry = JSON.readTree(ctys(host, base, "cancel", "--dry-run", "--json").out());
            JsonNode real = JSON.readTree(ctys(host, base, "cancel", "--json").out());
            assertTrue(dry.get("dryRun").asBoolean() && !real.get("dryRun").asBoolean());
            assertEquals(fields(real), fields(dry).stream().filter(f -> !f.equals("plan")).toList(),
                    "the dry run's document is the real run's, with its plan");
            assertTrue(dry.at("/targets/0/plan/0/command").isArray(), dry.toString());
            assertEquals("", ConvergenceIT.leftovers(host, base));
        }
    }

    @Test
    void theInputOfABatchIsPartOfThePlan() throws Exception {
        SystemTests.requireRootAnd("vde_switch");
        try (ScratchDirectory scratch = ScratchDirectory.create("ctys-dry-");
             ScratchNamespace host = ScratchNamespace.create()) {
            Path base = scratch.path();
            host.sh("ip link add eth9 type veth peer name eth9p && ip addr add 10.199.250.1/24 dev eth9 && "
                    + "ip link set eth9 up");
            CtysRun plan = ctys(host, base, "create=i:eth9,b:br9", "--dry-run", "-X");
            assertEquals(0, plan.code(), plan.toString());
            List<String> lines = plan.out().lines().map(l -> l.substring(l.indexOf(';') + 1)).toList();
            int batch = lines.indexOf(lines.stream().filter(l -> l.contains("-batch - <<'CTYS_INPUT'")).findFirst()
                    .orElseThrow(() -> new AssertionError("no batch with its input: " + plan.out())));
            List<String> input = lines.subList(batch + 1, lines.indexOf("CTYS_INPUT"));
            assertTrue(input.stream().anyMatch(l -> l.contains("10.199.250.1/24") && l.contains("br9")), plan.out());
            assertFalse(host.sh("ip -o link show").contains("br9"), "a dry run makes nothing");
        }
    }

    private static List<String> fields(JsonNode document) {
        List<String> names = new ArrayList<>();
        document.fieldNames().forEachRemaining(names::add);
        document.at("/targets/0").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void awaitPort(ScratchNamespace host, Path base) throws Exception {
        for (int i = 0; i < 50; i++) {
            if (ctys(host, base, "ports", "-X").out().contains("vdeplug")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the guest's plug did not attach");
    }
}
