package org.ctys.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.ctys.core.Invocation;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A plain line of {@code ctys} is read as picocli reads it, or left to picocli. */
class PlainLineTest {

    private static final List<String> OPTION_WORDS = names();
    private static final List<String> OTHER_WORDS = List.of("-h", "--help", "-H", "--", "plugins", "-tVDE", "-Xn",
            "--timeout=5", "-x");
    private static final List<String> VALUES = List.of("VDE", "list", "create=l:vm1,cmd:uname%-a", "0", "7", "010",
            "-1", "x y", "", "@lab", "h1", "admin@h2:2222", "h[1-3]", "/tmp/ssh config", "999999999", "1234567890",
            "+5", "(-d 1)", "plugins", "a\u0000b");

    private static Path home;

    @BeforeContainer
    static void writeGroups() throws Exception {
        home = Files.createTempDirectory("ctys-plain");
        Path groups = Files.createDirectories(home.resolve(".ctys/groups/lab"));
        Files.writeString(groups.resolve("web"), "CONTEXT'(-Z SUDO)'\nweb[01-03]\n");
        Files.writeString(groups.getParent().resolve("all"), "#include lab/web\ndb1'(-d 2)', db2\n");
    }

    @AfterContainer
    static void removeGroups() throws Exception {
        try (var files = Files.walk(home)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Option option : CtysCommand.PLAIN) {
            names.addAll(option.names());
        }
        return names;
    }

    @Provide
    Arbitrary<List<String>> lines() {
        Arbitrary<String> word = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of(OPTION_WORDS)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(OTHER_WORDS)),
                net.jqwik.api.Tuple.of(6, Arbitraries.of(VALUES)));
        return word.list().ofMaxSize(9);
    }

    @Property(tries = 3000)
    void aPlainLineGivesWhatPicocliParses(@ForAll("lines") List<String> line) {
        String[] args = line.toArray(new String[0]);
        Optional<Given> plain = PlainLine.read(CtysCommand.PLAIN, java.util.Set.of(CtysCommand.PLUGINS), args);
        Statistics.collect(plain.isPresent() ? "plain" : "picocli's");
        // a test of the reading holds only while random lines are often plain
        Statistics.coverage(checker -> checker.check("plain").percentage(p -> p >= 5));
        CommandLine picocli = Cli.commandLine(invocation(new StringWriter()), "ctys", args);
        try {
            picocli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            assertFalse(plain.isPresent(), "read as plain, refused by picocli: " + e.getMessage());
            return;
        }
        if (plain.isEmpty()) {
            return;
        }
        Given parsed = Given.of(picocli.getCommandSpec());
        for (String name : OPTION_WORDS) {
            assertEquals((Object) parsed.get(name), plain.get().get(name), name + " of " + line);
        }
        assertEquals(parsed.words(), plain.get().words(), "the words of " + line);
    }

    @Provide
    Arbitrary<List<String>> expansions() {
        Arbitrary<String> word = Arbitraries.of("-X", "--json", "--no-header", "--keep-duplicates", "-l", "admin",
                "-d", "0", "@all", "@lab/web", "@none", "db1", "h[1-3]", "h[3-1]", "root@x:22", "x:99999", "(-d 1)",
                "-Z", "SUDO", "--ansible-inventory", "MACRO:NONE");
        return word.list().ofMaxSize(6).map(words -> {
            List<String> line = new ArrayList<>(words);
            line.add(0, "--expand");
            return line;
        });
    }

    @Property(tries = 300)
    void aPlainLinePrintsAndExitsAsThroughPicocli(@ForAll("expansions") List<String> line) {
        String[] args = line.toArray(new String[0]);
        StringWriter plainOut = new StringWriter();
        int plainCode = Cli.execute(invocation(plainOut), "ctys", args);
        StringWriter picocliOut = new StringWriter();
        int picocliCode = Cli.commandLine(invocation(picocliOut), "ctys", args).execute(args);
        Statistics.collect(CtysCommand.plain(args).isPresent() ? "plain" : "picocli's");
        Statistics.coverage(checker -> checker.check("plain").percentage(p -> p >= 30));
        assertEquals(picocliOut.toString(), plainOut.toString(), String.join(" ", line));
        assertEquals(picocliCode, plainCode, String.join(" ", line));
    }

    @Test
    void theLinesUsersTypeArePlain() {
        for (String line : List.of("-t VDE -a list", "--expand @lab -X", "-t QEMU -a create=l:vm1 -d 2 --timeout 30 "
                + "h1 h2", "-n -t VDE -a cancel --json admin@h2:2222", "-t LAB -a check=f:lab.yaml --fanout 8 -l x "
                + "--ssh-config /tmp/c --fail-fast -Z SUDO --no-header --keep-duplicates")) {
            assertTrue(CtysCommand.plain(line.split(" ")).isPresent(), line);
        }
    }

    @Test
    void helpUsageAndAnythingUnusualAreLeftToPicocli() {
        for (String line : List.of("", "-t VDE", "-h", "-t VDE -a list -h", "-H VDE", "plugins -X", "-tVDE -a list",
                "-t VDE -t QEMU -a list", "-a list -- -x", "-a list --fanout -1", "-a list --fanout 0x10", "-a",
                "-l -X -a list", "-Xn -a list")) {
            assertTrue(CtysCommand.plain(line.isEmpty() ? new String[0] : line.split(" ")).isEmpty(), line);
        }
    }

    private static Invocation invocation(StringWriter output) {
        PrintWriter both = new PrintWriter(output, true);
        return Invocation.of(both, both, Map.of("HOME", home.toString()), null);
    }
}
