package org.ctys.addressing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.ctys.api.CtysException;
import org.ctys.api.SyntaxException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random group trees (cycles and missing groups included), macro files and option strings: expansion always ends,
 * gives the same answer twice, and throws nothing but the module's documented exceptions.
 */
class ExpansionProperties {

    /** A world of groups and macros in memory. */
    record World(Map<String, List<String>> groups, Map<String, String> macros, List<String> arguments)
            implements DefinitionTable {

        /** Groups by name; the macro file is the one named {@value MacroExpander#DEFAULT_FILE}. */
        @Override
        public Optional<SourceText> find(String name) {
            if (!name.equals(MacroExpander.DEFAULT_FILE)) {
                return Optional.ofNullable(groups.get(name)).map(lines -> new SourceText(name, "g/" + name, lines));
            }
            List<String> lines = new ArrayList<>();
            macros.forEach((k, v) -> lines.add(k + " = " + v));
            return Optional.of(new SourceText(name, "m/default", lines));
        }

        @Override
        public String searchPath() {
            return "memory";
        }
    }

    private static final List<String> NAMES = List.of("g0", "g1", "g2", "g3", "g4", "g5");

    private Arbitrary<String> option() {
        return Arbitraries.of("-d 1", "-d 2", "-Z SUDO", "-Z KSU", "-l bob", "-b par", "-a 'x y'", "-X", "-q",
                "-d", "'", "-M (a)", "");
    }

    private Arbitrary<String> member() {
        Arbitrary<String> host = Arbitraries.of("h1", "h2", "root@h3", "h[1-3]", "h{a,b}", "[::1]:22", "h:22",
                "h[3-1]", "x@", ",", "h(", "{", "MACRO:M0", "macro:M1%OPTIONAL", "MACRO:NOPE");
        Arbitrary<String> group = Combinators.combine(Arbitraries.of("", "@"), Arbitraries.of(NAMES))
                .as((sigil, name) -> sigil + name);
        return Combinators.combine(Arbitraries.oneOf(host, group), option(), Arbitraries.integers().between(0, 2))
                .as((target, opts, form) -> opts.isEmpty() || form == 0 ? target
                        : form == 1 ? target + "(" + opts + ")" : target + "'(" + opts + ")'");
    }

    private Arbitrary<List<String>> groupLines() {
        Arbitrary<String> line = Arbitraries.oneOf(member(),
                Arbitraries.of(NAMES).map(n -> "#include " + n),
                option().map(o -> "CONTEXT'(" + o + ")'"),
                Arbitraries.just("# comment"),
                Combinators.combine(member(), member()).as((a, b) -> a + ", " + b));
        return line.list().ofMaxSize(5);
    }

    @Provide
    Arbitrary<World> worlds() {
        Arbitrary<Map<String, List<String>>> groups = Arbitraries.maps(Arbitraries.of(NAMES), groupLines())
                .ofMaxSize(NAMES.size());
        Arbitrary<Map<String, String>> macros = Arbitraries.maps(Arbitraries.of("M0", "M1", "M2"),
                Arbitraries.of("h5", "g1", "MACRO:M1", "MACRO:M2 h6", "(-d 3) h7", "macro:M0", "x y z", ""))
                .ofMaxSize(3);
        Arbitrary<List<String>> arguments = Arbitraries.oneOf(member(), option().map(o -> "(" + o + ")"))
                .list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(groups, macros, arguments).as(World::new);
    }

    @Property(tries = 2000)
    void expansionEndsIsDeterministicAndThrowsOnlyDocumentedErrors(@ForAll("worlds") World world) {
        String first = outcome(world);
        assertEquals(first, outcome(world), "the same world expands the same way twice");
    }

    private static String outcome(World world) {
        try {
            List<MacroExpander.Argument> argv = new MacroExpander(world).expand(world.arguments());
            List<String> texts = argv.stream().map(MacroExpander.Argument::text).toList();
            List<List<String>> origins = argv.stream().map(MacroExpander.Argument::origin).toList();
            return new Expander(world, false).expand(texts, origins, null).toString();
        } catch (SyntaxException | NotFoundException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank() && !e.getMessage().contains("\n"),
                    "one-line message: " + e.getMessage());
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (CtysException e) {
            throw new AssertionError("undocumented error type " + e.getClass(), e);
        }
    }

    @Property(tries = 3000)
    void anyTextParsesOrFailsWithASyntaxError(@ForAll("texts") String text) {
        try {
            AddressList list = AddressList.parse(List.of(text));
            assertEquals(list, AddressList.parse(List.of(list.toString())), "canonical form round-trips");
        } catch (SyntaxException e) {
            assertTrue(e.column() >= 0);
        }
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("ab1@:[]{}(),-' \"\\%dZl;$.").ofMaxLength(20);
    }

    @Property(tries = 200)
    void deepButFiniteTreesExpand(@ForAll @IntRange(min = 1, max = 40) int depth) {
        Map<String, List<String>> chain = new HashMap<>();
        for (int level = 0; level < depth; level++) {
            chain.put("g" + level, List.of("h" + level, "@g" + (level + 1)));
        }
        chain.put("g" + depth, List.of("leaf"));
        World world = new World(chain, Map.of(), List.of("@g0"));
        assertEquals(depth + 1, new Expander(world, false).expand(List.of("@g0"), null).size());
    }

    /**
     * Whatever text stands after {@code -l}, on the command line or in a context: a target's user is a user name,
     * or the expansion stops with a one-line syntax error.
     */
    @Property(tries = 2000)
    void everyUserThatReachesATargetIsAUserName(@ForAll("users") String commandLineUser,
                                                @ForAll("users") String contextUser, @ForAll("texts") String target) {
        World world = new World(Map.of("g0", List.of("h1", "@g1(-l " + contextUser + ")"), "g1", List.of("h2")),
                Map.of(), List.of());
        try {
            for (ResolvedTarget resolved : new Expander(world, true).expand(List.of("(-l " + contextUser + ")",
                    target, "@g0"), commandLineUser)) {
                String user = resolved.target().user();
                assertTrue(user == null || org.ctys.api.Target.isUserName(user), "user " + user);
            }
        } catch (SyntaxException | NotFoundException e) {
            assertTrue(!e.getMessage().isBlank() && !e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Provide
    Arbitrary<String> users() {
        return Arbitraries.oneOf(Arbitraries.of("bob", "alice.x", "svc$", "_a-b"),
                Arbitraries.strings().withChars("ab1;$`'\" -@.()\\|&><*").ofMinLength(1).ofMaxLength(8));
    }
}
