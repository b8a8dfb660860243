package org.ctys.core.config;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ctys.api.UsageException;

/**
 * Fuzzes core's YAML and JSON reader (VM definitions, QMP replies) with text made of YAML's and JSON's own syntax
 * (anchors, aliases, tags, flow and block collections, quotes, escapes) and arbitrary characters: it returns plain
 * nodes or fails with a one-line UsageException naming the source; nothing else escapes, and tags never load.
 */
class DataDocumentsProperties {

    private static final List<String> TOKENS = List.of("a: ", "- ", "[", "]", "{", "}", ", ", ": ", "\n", "  ",
            "&x ", "*x", "!!python/object:os.system ", "!!java.net.URL [\"http://x\"]", "!local ", "'q'", "\"q\\u0041\"",
            "|\n  ", ">\n  ", "? ", "---\n", "...\n", "# c\n", "%YAML 1.1\n", "<<: *x\n", "\\", "\"", "'", "null",
            "true", "0x1F", "1e309", "label: vm1\n", "nics:\n  - mac: 52:54:00:00:00:01\n", "{\"return\": {}}",
            "{\"a\":1}", "[1,[2,[3]]]", "\t");

    private final DataDocuments parser = new DataDocuments();

    @Provide
    Arbitrary<String> documents() {
        return Arbitraries.oneOf(Arbitraries.of(TOKENS), Arbitraries.strings().ofMaxLength(6)).list().ofMaxSize(40)
                .map(parts -> String.join("", parts));
    }

    @Property(tries = 4000)
    void yamlGivesPlainNodesOrAOneLineUsageError(@ForAll("documents") String text) {
        try {
            parser.yaml(text, "fuzz.yaml");
        } catch (UsageException e) {
            check(e, "fuzz.yaml:");
        }
    }

    @Property(tries = 4000)
    void jsonGivesPlainNodesOrAOneLineUsageError(@ForAll("documents") String text) {
        try {
            parser.json(text, "qmp");
        } catch (UsageException e) {
            check(e, "qmp:");
        }
    }

    private static void check(UsageException e, String prefix) {
        if (!e.getMessage().startsWith(prefix)) {
            throw new AssertionError("the error does not name the source: " + e.getMessage());
        }
    }
}
