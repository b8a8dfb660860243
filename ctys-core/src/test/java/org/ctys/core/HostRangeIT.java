package org.ctys.core;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ctys.addressing.DefinitionTable;
import org.ctys.addressing.Expander;
import org.ctys.addressing.ResolvedTarget;
import org.ctys.core.testing.SystemTests;

/**
 * Host ranges against ClusterShell: for generated patterns (ranges, steps, several brackets, zero padding, lists
 * and ranges mixed) ctys expands to the same hosts as Debian's {@code nodeset -e}. ctys keeps the written order
 * where nodeset sorts, so the hosts are compared as sets.
 */
class HostRangeIT {

    @Property(tries = 2)
    void expandsAsNodesetDoes(@ForAll("patterns") List<String> patterns) throws Exception {
        SystemTests.require(Files.isExecutable(Path.of("/usr/bin/nodeset")),
                "ClusterShell's nodeset (Debian package clustershell)");
        // one shell for all patterns: nodeset is a Python program, 0.1 s a start
        String script = "for p in \"$@\"; do nodeset -e \"$p\" 2>&1 | tr '\\n' ' '; echo; done";
        List<String> argv = new ArrayList<>(List.of("sh", "-c", script, "nodeset-each"));
        argv.addAll(patterns);
        List<String> theirs = SystemTests.run(argv.toArray(String[]::new)).lines().toList();
        Expander expander = new Expander(DefinitionTable.NONE, true);
        for (int i = 0; i < patterns.size(); i++) {
            TreeSet<String> ours = new TreeSet<>();
            for (ResolvedTarget target : expander.expand(List.of(patterns.get(i)), null)) {
                ours.add(target.target().host());
            }
            TreeSet<String> expected = new TreeSet<>(List.of(theirs.get(i).strip().split(" ")));
            if (!expected.equals(ours)) {
                TreeSet<String> onlyTheirs = new TreeSet<>(expected);
                onlyTheirs.removeAll(ours);
                ours.removeAll(expected);
                fail(patterns.get(i) + ": nodeset alone has " + first(onlyTheirs) + ", ctys alone " + first(ours));
            }
        }
    }

    @Provide
    Arbitrary<List<String>> patterns() {
        return pattern().list().ofSize(50);
    }

    /**
     * A name, then brackets with text between them (nodeset refuses "][") and maybe after the last. No digit
     * touches a bracket: nodeset refuses one after a range with a step, and merges digits before a bracket into
     * its numbers ({@code n5[8-10]} is n58 to n510 there), where ctys, like pdsh, puts them in front (n58 n59 n510).
     */
    private static Arbitrary<String> pattern() {
        Arbitrary<String> between = Arbitraries.strings().withCharRange('a', 'z').withChars(".-").ofMinLength(1)
                .ofMaxLength(3);
        Arbitrary<String> end = Combinators.combine(Arbitraries.chars().range('a', 'z').with('.', '-'),
                Arbitraries.strings().withCharRange('a', 'z').withChars("0123456789.-").ofMaxLength(2))
                .as((first, rest) -> first + rest);
        Arbitrary<String> bracket = bracket().list().ofMinSize(1).ofMaxSize(3).map(elements -> "["
                + String.join(",", elements) + "]");
        Arbitrary<String> inner = Combinators.combine(bracket, between).as(String::concat).list().ofMaxSize(2)
                .map(pieces -> String.join("", pieces));
        Arbitrary<String> prefix = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(3);
        return Combinators.combine(prefix, inner, bracket, end.injectNull(0.5))
                .as((name, middle, last, tail) -> name + middle + last + (tail == null ? "" : tail));
    }

    /** One element of a bracket: a number, a range, or a range with a step, zero-padded or not. */
    private static Arbitrary<String> bracket() {
        return Combinators.combine(Arbitraries.integers().between(0, 120), Arbitraries.integers().between(0, 25),
                Arbitraries.integers().between(0, 7), Arbitraries.of(0, 2, 3), Arbitraries.of("number", "range",
                        "step"))
                .as((low, length, step, width, kind) -> {
                    String format = width == 0 ? "%d" : "%0" + Math.max(width, digits(low + length)) + "d";
                    String from = String.format(format, low);
                    String to = String.format(format, low + length);
                    return switch (kind) {
                        case "number" -> from;
                        case "range" -> from + "-" + to;
                        default -> from + "-" + to + "/" + (step + 1);
                    };
                });
    }

    private static String first(TreeSet<String> hosts) {
        return hosts.size() <= 5 ? hosts.toString() : hosts.headSet(hosts.stream().skip(5).findFirst().get())
                + " and " + (hosts.size() - 5) + " more";
    }

    private static int digits(int n) {
        return Integer.toString(n).length();
    }
}
