package org.ctys.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record tables of docs/OUTPUT.md, read from the document itself (the {@code ctys.docs} system property names
 * its directory), and the check of a {@code --json} run's records against them.
 */
public final class OutputSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Map<String, String>> schemas;

    private OutputSchemas(Map<String, Map<String, String>> schemas) {
        this.schemas = schemas;
    }

    /** @return the tables: for each "TYPE action" of a heading, its fields and their types in order */
    public static OutputSchemas read() throws IOException {
        Path document = Path.of(System.getProperty("ctys.docs", "../docs"), "OUTPUT.md");
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
        return new OutputSchemas(schemas);
    }

    /**
     * Holds every record of a successful {@code --json} run to the table of {@code action}: exactly its fields, in
     * order, each of its type.
     *
     * @param action "TYPE action", as the document's headings name it
     * @param run the run, with {@code --json}
     * @return how many records there were
     */
    public int check(String action, CtysRun run) throws IOException {
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
}
