package org.ctys.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ctys.core.testing.CtysRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What scripts read, held to docs/OUTPUT.md: with no, one and several switches on two hosts, {@code -X} prints
 * records only, and every record of every VDE action (and of the QEMU and CLI actions that need no guest) has
 * exactly the fields of its table there, in that order, each of the documented JSON type.
 */
class OutputIT extends OnSwitchHosts {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Map<String, Map<String, String>> schemas;

    @BeforeAll
    static void startHosts() throws Exception {
        start(2, "vde_switch");
        schemas = schemas(Path.of(System.getProperty("ctys.docs", "../docs"), "OUTPUT.md"));
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
        checked += check("QEMU info", "-t", "QEMU", "-a", "info", "h1");
        checked += check("CLI create", "-t", "CLI", "-a", "create=l:x,cmd:echo%1", "h1", "h2");
        System.out.println("OutputIT: " + checked + " records held to docs/OUTPUT.md");
    }

    /** @return how many records the action's JSON document had, each checked against its table */
    private static int check(String action, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.add("--json");
        CtysRun run = ctys(argv.toArray(String[]::new));
        JsonNode document = JSON.readTree(run.out());
        assertEquals(0, document.get("exitCode").asInt(), action + ": " + run);
        Map<String, String> schema = schemas.get(action);
        assertTrue(schema != null, "docs/OUTPUT.md documents " + action + ": " + schemas.keySet());
        int count = 0;
        for (JsonNode target : document.get("targets")) {
            for (JsonNode record : target.get("records")) {
                List<String> fields = new ArrayList<>();
                record.fieldNames().forEachRemaining(fields::add);
                assertEquals(new ArrayList<>(schema.keySet()), fields, action + " fields: " + record);
                for (String field : fields) {
                    assertTrue(matches(schema.get(field), record.get(field)), action + " " + field + " is "
                            + schema.get(field) + ": " + record);
                }
                count++;
            }
        }
        assertTrue(count > 0, action + " gave records: " + run.out());
        return count;
    }

    private static boolean matches(String type, JsonNode value) {
        if (value.isNull()) {
            return type.endsWith(" or null");
        }
        return switch (type.replace(" or null", "")) {
            case "text" -> value.isTextual();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "list" -> value.isArray();
            default -> throw new AssertionError("docs/OUTPUT.md: unknown type '" + type + "'");
        };
    }

    /** The tables of docs/OUTPUT.md: for each "TYPE action" of a heading, its fields and their types in order. */
    private static Map<String, Map<String, String>> schemas(Path document) throws Exception {
        Map<String, Map<String, String>> schemas = new LinkedHashMap<>();
        List<Map<String, String>> current = new ArrayList<>();
        for (String line : Files.readAllLines(document)) {
            if (line.startsWith("### ")) {
                current = new ArrayList<>();
                for (String name : line.substring(4).split(", ")) {
                    String[] words = name.split(" ");
                    String type = words.length == 2 ? words[0] : line.substring(4).split(" ")[0];
                    Map<String, String> fields = new LinkedHashMap<>();
                    schemas.put(type + " " + words[words.length - 1], fields);
                    current.add(fields);
                }
            } else if (line.startsWith("| ") && !line.startsWith("| field ") && !current.isEmpty()) {
                String[] cells = line.split("\\|");
                for (Map<String, String> fields : current) {
                    fields.put(cells[1].strip(), cells[2].strip());
                }
            }
        }
        return schemas;
    }
}
