package org.ctys.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ctys.api.UsageException;
import org.ctys.spi.DataNode;
import org.junit.jupiter.api.Test;

class DataDocumentsTest {

    private final DataDocuments parser = new DataDocuments();

    @Test
    void yamlKeepsTextAndLines() {
        DataNode.Mapping root = (DataNode.Mapping) parser.yaml("""
                label: vm1
                memory: 64
                enabled: no
                nics:
                  - mac: 52:54:00:00:00:01
                empty:
                """, "vm1.yaml");
        assertEquals("vm1", ((DataNode.Scalar) root.get("label").orElseThrow()).text());
        assertEquals("no", ((DataNode.Scalar) root.get("enabled").orElseThrow()).text(), "scalars stay text");
        assertEquals(4, root.lineOf("nics"));
        DataNode.Sequence nics = assertInstanceOf(DataNode.Sequence.class, root.get("nics").orElseThrow());
        DataNode.Mapping nic = (DataNode.Mapping) nics.items().get(0);
        assertEquals("52:54:00:00:00:01", ((DataNode.Scalar) nic.get("mac").orElseThrow()).text());
        assertEquals(5, nic.lineOf("mac"));
        assertNull(((DataNode.Scalar) root.get("empty").orElseThrow()).text());
    }

    @Test
    void emptyYamlIsAnEmptyMapping() {
        assertTrue(((DataNode.Mapping) parser.yaml("# nothing\n", "x.yaml")).entries().isEmpty());
    }

    @Test
    void yamlRefusesTagsRepeatedKeysAndBadSyntaxWithFileAndLine() {
        String global = assertThrows(UsageException.class, () -> parser.yaml("label: x\nengine: !!javax.script."
                + "ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n", "a.yaml"))
                .getMessage();
        assertTrue(global.startsWith("a.yaml:2: ") && global.contains("tag"), global);
        assertEquals("a.yaml:1: tag !local is not allowed: definitions are plain data", assertThrows(
                UsageException.class, () -> parser.yaml("x: !local 1\n", "a.yaml")).getMessage());
        assertEquals("b.yaml:3: key 'memory' repeats the one on line 1", assertThrows(UsageException.class,
                () -> parser.yaml("memory: 1\ncpus: 2\nmemory: 3\n", "b.yaml")).getMessage());
        assertTrue(assertThrows(UsageException.class, () -> parser.yaml("a: [1, 2\nb: 3\n", "c.yaml"))
                .getMessage().startsWith("c.yaml:"));
    }

    /** SnakeYAML scans a long plain scalar in quadratic time (8 MiB: about 30 s) before its own limit applies. */
    @Test
    void yamlRefusesADocumentOverTheLimitBeforeParsingIt() {
        String huge = "label: big\nnotes: " + "x".repeat(8 << 20) + "\n";
        assertEquals("big.yaml:1: larger than 1048576 characters",
                assertThrows(UsageException.class, () -> parser.yaml(huge, "big.yaml")).getMessage());
        String within = "label: big\nnotes: " + "x".repeat((1 << 20) - 30) + "\n";
        assertEquals("big", ((DataNode.Scalar) ((DataNode.Mapping) parser.yaml(within, "ok.yaml")).get("label")
                .orElseThrow()).text());
    }

    @Test
    void yamlRefusesAliasBombs() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(", *").append(p).append(", *")
                    .append(p).append(", *").append(p).append("]\n");
        }
        assertThrows(UsageException.class, () -> parser.yaml(bomb.toString(), "bomb.yaml"));
    }

    @Test
    void jsonKeepsTypesAsTextAndLines() {
        DataNode.Mapping reply = (DataNode.Mapping) parser.json(
                "{\"return\": {\"status\": \"running\", \"running\": true, \"n\":1}}", "qmp");
        DataNode.Mapping value = (DataNode.Mapping) reply.get("return").orElseThrow();
        assertEquals("running", ((DataNode.Scalar) value.get("status").orElseThrow()).text());
        assertEquals("true", ((DataNode.Scalar) value.get("running").orElseThrow()).text());
        assertEquals("1", ((DataNode.Scalar) value.get("n").orElseThrow()).text());
        assertEquals("qmp:1: text after the JSON value",
                assertThrows(UsageException.class, () -> parser.json("{} {}", "qmp")).getMessage());
        assertTrue(assertThrows(UsageException.class, () -> parser.json("{\"a\": ", "qmp")).getMessage()
                .startsWith("qmp:1: "));
    }
}
