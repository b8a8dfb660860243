package org.ctys.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ctys.core.testing.CtysRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ctys --expand} over real group and macro files, and the decisions it shows. */
class ExpandCommandTest {

    @TempDir
    Path home;

    private Map<String, String> environment;

    @BeforeEach
    void writeGroupsAndMacros() throws Exception {
        Path groups = Files.createDirectories(home.resolve(".ctys/groups/lab"));
        Files.writeString(groups.resolve("web"), "CONTEXT'(-Z SUDO)'\nweb[01-03]\n# web04 is retired\n");
        Files.writeString(groups.getParent().resolve("all"), "#include lab/web\ndb1'(-d 2)', db2\n");
        Path macros = Files.createDirectories(home.resolve(".ctys/macros"));
        Files.writeString(macros.resolve("default"), "DBS = db1 \\\n  db3\nGLOBAL = '(-d 1)'\n");
        environment = Map.of("HOME", home.toString());
    }

    private CtysRun ctys(String... args) {
        return CtysRun.of(null, environment, "ctys", args);
    }

    @Test
    void previewsEveryTargetWithOptionsAndOrigin() {
        CtysRun run = ctys("--expand", "-X", "-l", "admin", "(-d 1)", "@all(-b par)", "root@extra:2222");
        assertEquals(0, run.code(), run.err());
        assertEquals(String.join("\n",
                "admin;web01;;-d 1 -b par -Z SUDO;all > lab/web",
                "admin;web02;;-d 1 -b par -Z SUDO;all > lab/web",
                "admin;web03;;-d 1 -b par -Z SUDO;all > lab/web",
                "admin;db1;;-b par -d 2;all",
                "admin;db2;;-d 1 -b par;all",
                "root;extra;2222;-d 1;") + "\n", run.out());
    }

    @Test
    void printsTheDocumentedJsonShape() {
        CtysRun run = ctys("--expand", "--json", "MACRO:DBS", "h:22");
        assertEquals(0, run.code(), run.err());
        assertEquals("[{\"user\":null,\"host\":\"db1\",\"port\":null,\"options\":[],\"origin\":[\"MACRO:DBS\"]},"
                + "{\"user\":null,\"host\":\"db3\",\"port\":null,\"options\":[],\"origin\":[\"MACRO:DBS\"]},"
                + "{\"user\":null,\"host\":\"h\",\"port\":22,\"options\":[],\"origin\":[]}]",
                run.out().replaceAll("\\s", ""));
    }

    @Test
    void macrosMayStandForTheGlobalContextAndGroupsForTargetsOfAnAction() {
        CtysRun run = ctys("--expand", "-X", "MACRO:GLOBAL", "lab/web");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith(";web01;;-d 1 -Z SUDO;lab/web\n"), run.out());
    }

    @Test
    void duplicatesKeepTheirFirstOccurrenceUnlessAskedOtherwise() {
        assertEquals(4, ctys("--expand", "-X", "lab/web", "web02", "db1,db1").out().lines().count());
        assertEquals(6, ctys("--expand", "-X", "--keep-duplicates", "lab/web", "web02", "db1,db1").out().lines()
                .count());
    }

    @Test
    void missingGroupsAndMacroFilesAreExitTwoSyntaxIsExitOne() {
        CtysRun missing = ctys("--expand", "@nosuch");
        assertEquals(2, missing.code());
        assertEquals("ctys: no group 'nosuch' along " + home.resolve(".ctys/groups") + ":/etc/ctys/groups\n",
                missing.err());
        CtysRun noMacroFile = ctys("--expand", "MACRO:X%other");
        assertEquals(2, noMacroFile.code());
        assertTrue(noMacroFile.err().startsWith("ctys: no macro file 'other' along "), noMacroFile.err());
        CtysRun undefined = ctys("--expand", "MACRO:NOPE");
        assertEquals(1, undefined.code());
        assertTrue(undefined.err().startsWith("ctys: undefined macro NOPE (not in " + home), undefined.err());
        CtysRun syntax = ctys("--expand", "h(-q)");
        assertEquals(1, syntax.code());
        assertTrue(syntax.err().startsWith("ctys: unknown context option -q"), syntax.err());
    }

    @Test
    void aBadGroupFileNamesFileAndLine() throws Exception {
        Files.writeString(home.resolve(".ctys/groups/broken"), "ok1\nbad host(-q)\n");
        CtysRun run = ctys("--expand", "broken");
        assertEquals(1, run.code());
        assertTrue(run.err().startsWith("ctys: " + home.resolve(".ctys/groups/broken") + ":2: unknown context option"),
                run.err());
    }
}
