package org.ctys.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ctys.core.testing.CtysRun;
import org.ctys.core.testing.ScratchDirectory;
import org.ctys.core.testing.SystemTests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The LAB plugin as a user meets it through the distribution: a lab file read where ctys runs (relative to its
 * directory), its topology printed for Graphviz and Mermaid, and a broken file refused in one line naming each
 * problem's line.
 */
class LabIT {

    private static final String LAB = """
            name: bl
            switches:
              s1: {host: h1}                 # any ctys address; VDE create options as keys
              s2: {host: admin@h2:2222}
              s3: {host: h3, bridge: labbr3}
            cables:
              - {ends: [s1, s2], kind: ssh}
              - {ends: [s2, s3], kind: vxlan}
              - {ends: [s1, s3], kind: ssh, delay: 20ms, loss: 1%, rate: 10mbit}
            guests:
              g1: {host: h1, switch: s1, definition: pxe1}
            """;

    private static Path dist;

    @BeforeAll
    static void distribution() {
        dist = SystemTests.distribution();
    }

    private static CtysRun ctys(Path directory, String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of(dist.resolve("bin/ctys").toString()));
        argv.addAll(List.of(args));
        return CtysRun.process(new ProcessBuilder(argv).directory(directory.toFile()));
    }

    @Test
    void graphDrawsTheLabForGraphvizAndMermaid() throws Exception {
        try (ScratchDirectory scratch = ScratchDirectory.create("ctys-lab-")) {
            Files.writeString(scratch.path().resolve("bl.yaml"), LAB);
            CtysRun dot = ctys(scratch.path(), "-t", "LAB", "-a", "graph=f:bl.yaml");
            assertEquals(0, dot.code(), dot.toString());
            assertEquals("", dot.err());
            assertTrue(dot.out().startsWith("graph \"bl\" {\n  node [shape=box];\n"), dot.out());
            assertTrue(dot.out().contains("  \"s1\" -- \"s3\" [label=\"ssh 20ms 1% 10mbit\"];\n"), dot.out());
            assertTrue(dot.out().endsWith("  \"g1\" -- \"s1\";\n}\n"), dot.out());
            CtysRun terse = ctys(scratch.path(), "-t", "LAB", "-a", "graph=f:bl.yaml", "-X");
            assertEquals(dot.out(), terse.out(), "a document is the output in every plain form");

            CtysRun mermaid = ctys(scratch.path(), "-t", "LAB", "-a", "graph=f:bl.yaml,mermaid");
            assertEquals(0, mermaid.code(), mermaid.toString());
            assertTrue(mermaid.out().startsWith("flowchart LR\n  subgraph host0[\"h1\"]\n"), mermaid.out());

            CtysRun json = ctys(scratch.path(), "-t", "LAB", "-a", "graph=f:bl.yaml", "--json");
            JsonNode target = new ObjectMapper().readTree(json.out()).get("targets").get(0);
            assertEquals(dot.out(), target.get("document").asText());
            assertEquals("lab bl: 3 switches, 3 cables, 1 guest", target.get("message").asText());
        }
    }

    @Test
    void aBrokenLabIsOneLineWithTheLineOfEachProblem() throws Exception {
        try (ScratchDirectory scratch = ScratchDirectory.create("ctys-lab-")) {
            Files.writeString(scratch.path().resolve("bad.yaml"), """
                    name: bl
                    switches:
                      s1: {host: h1}
                      s2: {host: h1, brigde: br7}
                    cables:
                      - {ends: [s1, s2], kind: vxlan}
                      - {ends: [s1, s9], delay: 20 ms}
                    """);
            CtysRun bad = ctys(scratch.path(), "-t", "LAB", "-a", "graph=f:bad.yaml");
            assertEquals(1, bad.code(), bad.toString());
            assertEquals("", bad.out());
            assertEquals("ctys: localhost: usage: bad.yaml:4: unknown key 'brigde' in switch s2 (expected one of "
                    + "host, bridge, interface, user, group, address); bad.yaml:6: cable s1-s2 is vxlan, but both "
                    + "switches are on h1 (a vxlan cable joins two hosts: use ssh within one); bad.yaml:7: cable "
                    + "s1-s9 ends at 's9', which is not a switch of the lab; bad.yaml:7: delay '20 ms' of cable s1-s9: "
                    + "expected a time such as 20ms, 500us or 1.5s\n", bad.err());

            CtysRun missing = ctys(scratch.path(), "-t", "LAB", "-a", "graph=f:none.yaml");
            assertEquals(1, missing.code(), missing.toString());
            assertTrue(missing.err().startsWith("ctys: localhost: usage: cannot read lab file 'none.yaml': "),
                    missing.err());
            CtysRun noFile = ctys(scratch.path(), "-t", "LAB", "-a", "graph");
            assertEquals(1, noFile.code(), noFile.toString());
            assertEquals("ctys: LAB graph needs the sub-option f:<file>: graph=f:<file>[,mermaid]\n", noFile.err());
        }
    }
}
