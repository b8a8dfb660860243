package org.ctys.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.ctys.core.Invocation;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A plain line of either face is read as picocli reads it, or left to picocli. */
class PlainLineTest {

    private static final String SETUP_VDE = "ctys-setupVDE";
    private static final List<String> OTHER_WORDS = List.of("-h", "--help", "-H", "--", "plugins", "-tVDE", "-Xn",
            "--timeout=5", "-x", "create", "list", "LIST", "bogus");
    private static final List<String> NUMBERS = List.of("0", "7", "010", "999999999", "1234567890", "+5", "-1", "x",
            "");
    private static final List<String> VALUES = List.of("VDE", "list", "create=l:vm1,cmd:uname%-a", "0", "7", "010",
            "-1", "x y", "", "@lab", "h1", "admin@h2:2222", "h[1-3]", "/tmp/ssh config", "999999999", "1234567890",
            "+5", "(-d 1)", "plugins", "a\u0000b", "h1,h2");

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
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static List<Option> options(String face) {
        return face.equals(SETUP_VDE) ? SetupVdeCommand.PLAIN : CtysCommand.PLAIN;
    }

    private static List<String> names(String face) {
        List<String> names = new ArrayList<>();
        for (Option option : options(face)) {
            names.addAll(option.names());
        }
        return names;
    }

    private static Optional<Given> plain(String face, String... args) {
        return face.equals(SETUP_VDE) ? SetupVdeCommand.plain(args) : CtysCommand.plain(args);
    }

    /** @return lines of a face: its options, mostly with a value where they take one, words, and odd words */
    @Provide
    Arbitrary<List<String>> lines() {
        return Arbitraries.of("ctys", SETUP_VDE).flatMap(face -> {
            Arbitrary<List<String>> option = Arbitraries.of(options(face)).flatMap(o -> {
                Arbitrary<String> name = Arbitraries.of(o.names());
                List<String> values = o.type() == int.class || o.type() == Integer.class ? NUMBERS : VALUES;
                return o.isFlag() ? name.map(List::of) : Arbitraries.frequencyOf(Tuple.of(9,
                        name.flatMap(n -> Arbitraries.of(values).map(v -> List.of(n, v)))), Tuple.of(1,
                        name.map(List::of)));
            });
            Arbitrary<List<String>> item = Arbitraries.frequencyOf(Tuple.of(6, option),
                    Tuple.of(1, Arbitraries.of(OTHER_WORDS).map(List::of)),
                    Tuple.of(3, Arbitraries.of(VALUES).map(List::of)));
            // most lines of ctys that run anything name an action
            Arbitrary<List<String>> first = face.equals("ctys") ? Arbitraries.of(List.of("-a", "list"),
                    List.of("--expand"), List.of()) : Arbitraries.just(List.of());
            return Combinators.combine(first, item.list().ofMaxSize(6)).as((start, items) -> {
                List<String> line = new ArrayList<>(List.of(face));
                line.addAll(start);
                items.forEach(line::addAll);
                return line;
            });
        });
    }

    @Property(tries = 4000)
    void aPlainLineGivesWhatPicocliParses(@ForAll("lines") List<String> line) {
        String face = line.get(0);
        String[] args = line.subList(1, line.size()).toArray(new String[0]);
        Optional<Given> plain = plain(face, args);
        Statistics.collect(face, plain.isPresent() ? "plain" : "picocli's");
        // a test of the reading holds only while random lines of both faces are often plain
        Statistics.coverage(checker -> {
            checker.check("ctys", "plain").percentage(p -> p >= 5);
            checker.check(SETUP_VDE, "plain").percentage(p -> p >= 5);
        });
        CommandLine picocli = Cli.commandLine(invocation(new StringWriter()), face, args);
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
        for (String name : names(face)) {
            assertEquals((Object) parsed.get(name), plain.get().get(name), name + " of " + line);
        }
        assertEquals(parsed.words(), plain.get().words(), "the words of " + line);
    }

    @Provide
    Arbitrary<List<String>> failingOrPrinting() {
        Arbitrary<List<String>> expand = Arbitraries.of("-X", "--json", "--no-header", "--keep-duplicates", "-l",
                "admin", "-d", "0", "@all", "@lab/web", "@none", "db1", "h[1-3]", "h[3-1]", "root@x:22", "x:99999",
                "(-d 1)", "-Z", "SUDO", "--ansible-inventory", "MACRO:NONE").list().ofMaxSize(6).map(words -> {
                    List<String> line = new ArrayList<>(words);
                    line.add(0, "--expand");
                    line.add(0, "ctys");
                    return line;
                });
        // ctys-setupVDE lines that fail before they run anything: no action or a wrong one, or targets that are
        // not addresses
        Arbitrary<List<String>> setup = Arbitraries.of("-X", "--json", "-n", "-b", "br9", "-f", "-l", "admin", "-d",
                "0", "bogus", "create", "-r", "h[3-1]", "x:99999", "@none").list().ofMaxSize(7)
                .filter(words -> !words.contains("create") || !words.contains("bogus") && words.contains("-r")
                        && words.indexOf("-r") < words.size() - 1 && words.stream().noneMatch(w -> w.equals("br9")
                        && words.indexOf("-r") + 1 == words.indexOf(w)))
                .map(words -> {
                    List<String> line = new ArrayList<>(words);
                    line.add(0, SETUP_VDE);
                    return line;
                });
        return Arbitraries.oneOf(expand, setup);
    }

    @Property(tries = 400)
    void aPlainLinePrintsAndExitsAsThroughPicocli(@ForAll("failingOrPrinting") List<String> line) {
        String face = line.get(0);
        String[] args = line.subList(1, line.size()).toArray(new String[0]);
        StringWriter plainOut = new StringWriter();
        int plainCode = Cli.execute(invocation(plainOut), face, args);
        StringWriter picocliOut = new StringWriter();
        int picocliCode = Cli.commandLine(invocation(picocliOut), face, args).execute(args);
        Statistics.collect(face, plain(face, args).isPresent() ? "plain" : "picocli's");
        Statistics.coverage(checker -> {
            checker.check("ctys", "plain").percentage(p -> p >= 20);
            checker.check(SETUP_VDE, "plain").percentage(p -> p >= 20);
        });
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
        for (String line : List.of("create", "-r h1,h2 -r @lab create", "-b br0 -i eth0 -u admin.kvm -g kvm -s /s "
                + "-S /m -f -n --dry-run -X -l root -d 1 cancel")) {
            assertTrue(SetupVdeCommand.plain(line.split(" ")).isPresent(), line);
        }
        assertEquals(List.of("h1,h2", "@lab"), SetupVdeCommand.plain("-r", "h1,h2", "-r", "@lab", "list").get()
                .get("-r"));
    }

    @Test
    void helpUsageAndAnythingUnusualAreLeftToPicocli() {
        for (String line : List.of("", "-t VDE", "-h", "-t VDE -a list -h", "-H VDE", "plugins -X", "-tVDE -a list",
                "-t VDE -t QEMU -a list", "-a list -- -x", "-a list --fanout -1", "-a list --fanout 0x10", "-a",
                "-l -X -a list", "-Xn -a list")) {
            assertTrue(CtysCommand.plain(line.isEmpty() ? new String[0] : line.split(" ")).isEmpty(), line);
        }
        for (String line : List.of("-h", "-H VDE", "-b br0 -b br1 create", "-r", "-fn create", "-r -X list")) {
            assertTrue(SetupVdeCommand.plain(line.split(" ")).isEmpty(), line);
        }
    }

    private static Invocation invocation(StringWriter output) {
        PrintWriter both = new PrintWriter(output, true);
        return Invocation.of(both, both, Map.of("HOME", home.toString()), null);
    }
}
