package org.ctys.addressing;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.ctys.api.SyntaxException;
import org.ctys.api.Target;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The original's addressing examples and the precedence rules, against group files in test resources. */
class ExpanderTest {

    private final Expander expander = new Expander(ResourceTables.groups(), false);

    /** Renders targets as {@code user@host:port(options) <- origin}, one per line. */
    private String expandAs(String defaultUser, String... arguments) {
        return expander.expand(Arrays.asList(arguments), defaultUser).stream()
                .map(r -> r.target() + (r.origin().isEmpty() ? "" : " <- " + String.join(">", r.origin())))
                .collect(Collectors.joining("\n"));
    }

    private String expand(String... arguments) {
        return expandAs(null, arguments);
    }

    @Test
    void a01TargetContextsBeatTheGlobalContext() {
        assertEquals("host01(-d 3)\nhost02(-d 1)\nhost03(-d 0)",
                expand("( -d 3 )", "host01", "host02( -d 1)", "host03(-d 0)"));
    }

    @Test
    void a08ExplicitUserBeatsDashL() {
        assertEquals("root@host1\nacue@host2", expandAs("root", "host1", "acue@host2"));
    }

    @Test
    void a09GlobalContextAppliesToEveryTarget() {
        assertEquals("root@lab01(-Z SUDO)\nlab02(-Z SUDO)", expand("(-Z SUDO)", "root@lab01", "lab02"));
    }

    @Test
    void a10ContextWithSeveralOptions() {
        assertEquals("host1(-d 99 -Z KSU)", expand("host1(-d 99 -Z KSU)"));
    }

    /** A later source of the same option wins and takes the later place, so the argv reads in precedence order. */
    @Test
    void a13DocumentedPrecedenceGlobalThenGroupThenMember() {
        // decision: the documented superposition, not the original code's "last member only" (RUN/DIVERGES)
        assertEquals("h0(-Z SUDO -b par -d 0) <- grpC\nh1(-Z SUDO -d 5 -b par) <- grpC",
                expand("(-d 9 -Z SUDO)", "grpC(-d 5 -b par)"));
    }

    @Test
    void a14GroupOptionsReachEveryMember() {
        assertEquals("host1(-d 1) <- grpA\nhost2(-d 1) <- grpA", expand("grpA'(-d 1)'"));
    }

    @Test
    void a15ContextLineAppliesToEveryMemberAndCommentsAreSkipped() {
        String opts = "(-d 2,s:16,w:0,p -b sync,par -c off -C on) <- db/ctys-allVMs";
        assertEquals(String.join("\n", "root@lab02" + opts, "root@lab03" + opts, "root@lab05" + opts,
                "lab02" + opts, "lab03" + opts, "lab05" + opts), expand("db/ctys-allVMs"));
    }

    @Test
    void a16MemberContextsFromAGroupPath() {
        assertEquals("root@lab02(-a create=l:LAB02,reuse -c local -g 1268x992:A11:ALL -b 1,2) <- desktops/tst/ctys-lab"
                + "\nroot@lab03(-a create=l:LAB03,reuse -c local -g 1268x994:A21:ALL -b 1,2) <- desktops/tst/ctys-lab",
                expand("desktops/tst/ctys-lab"));
    }

    @Test
    void a17AndA20IncludesAreExpandedInPlace() {
        // decision: in place, as the docs and this issue say (the original put included members last)
        assertEquals("lab01 <- netscan/ctys-all>netscan/ctys-lab01-02\nlab02 <- netscan/ctys-all>netscan/ctys-lab01-02"
                + "\nlab03 <- netscan/ctys-all\nlab04 <- netscan/ctys-all", expand("netscan/ctys-all"));
        assertEquals("host1 <- grpB>grpA\nhost2 <- grpB>grpA\nhost3 <- grpB", expand("@grpB"));
    }

    @Test
    void a18CommaSeparatedMembersAreSplit() {
        assertEquals("tst000 tst001 tst002 tst003 tst004 tst005", expander.expand(List.of("tst/tst002/ctys-tst-002"),
                null).stream().map(r -> r.target().host()).collect(Collectors.joining(" ")));
    }

    @Test
    void a19BraceListsExpandWithTheirContext() {
        assertEquals("h1(-d 1)\nh2(-d 1)", expand("{h1,h2}'(-d 1)'"));
    }

    @Test
    void a36SpaceSeparatedHostsInOneArgument() {
        assertEquals("lab00\nlab01", expand("lab00 lab01"));
        assertEquals("h1\nh2\nh3", expand("h1,h2", "h3"));
    }

    @Test
    void nestedGroupsStackContextsOutermostFirst() {
        assertEquals(String.join("\n",
                "n1(-Z SUDO -d 1) <- nested",
                "h0(-Z SUDO -d 0) <- nested>grpC",
                "h1(-Z SUDO -d 7) <- nested>grpC",
                "host1(-Z SUDO -d 1) <- nested>grpA",
                "host2(-Z SUDO -d 1) <- nested>grpA"), expand("nested(-d 1)"));
    }

    @Test
    void optionsOfOneTargetNeverLeakIntoTheNext() {
        assertEquals("a(-Z KSU)\nb\nc(-d 2)", expand("a(-Z KSU)", "b", "c(-d 2)"));
    }

    @Test
    void userAndPortOnAGroupAreDefaultsForItsMembers() {
        assertEquals("root@host1:2222 <- grpA\nroot@host2:2222 <- grpA", expand("root@@grpA:2222"));
        assertEquals("admin@h0(-l admin -d 0) <- grpC\nadmin@h1(-l admin) <- grpC", expand("grpC(-l admin)"));
    }

    @Test
    void firstOccurrenceWinsUnlessDuplicatesAreKept() {
        assertEquals("host1 <- dups\nhost2 <- dups>grpA\nhost1:22 <- dups", expand("dups"));
        assertEquals(5, new Expander(ResourceTables.groups(), true).expand(List.of("dups", "host2"), null).size());
    }

    @Test
    void hostRangesKeepZeroPaddingAndOrder() {
        assertEquals("lab01 lab02 lab03 lab10", hosts("lab[01-03,10]"));
        assertEquals("node1 node2 node3 node7", hosts("node[1-3,7]"));
        assertEquals("r1n08 r1n09 r1n10 r2n08 r2n09 r2n10", hosts("r[1-2]n[08-10]"));
        assertEquals(20, expander.expand(List.of("lab[01-20]"), null).size());
        assertEquals("n1 n4 n7 n10 n12", hosts("n[1-10/3,12]"));
        assertEquals("n01 n04 n07 n10", hosts("n[01-10/3]"));
        assertEquals("n1-3x n1-4x n2-3x n2-4x", hosts("n[1-2]-[3-4]x"));
        assertEquals("1n 2n", hosts("[1-2]n"));
    }

    private String hosts(String pattern) {
        return expander.expand(List.of(pattern), null).stream().map(r -> r.target().host())
                .collect(Collectors.joining(" "));
    }

    @Test
    void a24AndGroupOrHostDecision() {
        assertEquals("host1 <- grpA\nhost2 <- grpA", expand("grpA"));
        assertEquals("nosuchgroup", expand("nosuchgroup"));
        assertEquals("localhost", expand("localhost"));
        NotFoundException missing = assertThrows(NotFoundException.class, () -> expand("@nosuchgroup"));
        assertTrue(missing.getMessage().startsWith("no group 'nosuchgroup' along "), missing.getMessage());
        assertThrows(NotFoundException.class, () -> expand("some/path"));
    }

    @Test
    void aCycleNamesItsChain() {
        assertEquals("cycleB:2: group cycle: cycleA -> cycleB -> cycleA",
                assertThrows(SyntaxException.class, () -> expand("cycleA")).getMessage());
    }

    @Test
    void ipv6AndPortsSurvive() {
        assertEquals("[::1]:22\nfe80::1", expand("[::1]:22", "fe80::1"));
        assertEquals("root@lab02:2222", expand("root@lab02:2222"));
    }

    @Test
    void targetsCarryTheirEffectiveOptionsAsArgv() {
        Target target = expander.expand(List.of("(-d 1)", "h(-Z SUDO -d 3)"), "bob").get(0).target();
        assertEquals(new Target("bob", "h", null, List.of("-Z", "SUDO", "-d", "3")), target);
    }

    /** A user name reaches ssh's command line and remote shells: -l takes user names only, like user@. */
    @Test
    void aUserOfDashLIsAUserNameOrAOneLineError() {
        SyntaxException option = assertThrows(SyntaxException.class, () -> expandAs("x;id", "h1"));
        assertEquals("expected a user name after -l in 'x;id' at column 1", option.getMessage());
        SyntaxException context = assertThrows(SyntaxException.class, () -> expand("h1(-l 'x;id')"));
        assertTrue(context.getMessage().startsWith("expected a user name after -l, not 'x;id' in 'h1(-l 'x;id')'"),
                context.getMessage());
        assertThrows(SyntaxException.class, () -> expand("(-l$(id))", "h1"));
        assertEquals("alice@h1(-l alice)", expandAs("bob", "h1(-l alice)"));
    }

    /** Each pattern is bounded, and so is their sum: thirty patterns of a million hosts each would fill the heap. */
    @Test
    void theTargetsOfOneCommandAreBounded() {
        List<String> patterns = java.util.Collections.nCopies(30, "h[1-999999]");
        SyntaxException error = assertThrows(SyntaxException.class, () -> expander.expand(patterns, null));
        assertEquals("the targets expand to more than 1000000 hosts (at 'h[1-999999]' in the command line)",
                error.getMessage());
    }
}
