package org.ctys.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A target and its context options read back what they print. */
class TargetTextProperties {

    @Property(tries = 500)
    void aTargetReadsBackItsTextForm(@ForAll("targets") Target target) {
        assertEquals(target, Target.parse(target.toString()));
    }

    @Property(tries = 500)
    void contextOptionsReadBackTheirTextForm(@ForAll("contexts") ContextOptions options) {
        assertEquals(options, ContextOptions.parse(options.toString()));
        assertEquals(options, ContextOptions.ofArgv(options.argv()));
    }

    @Example
    void theTextFormIsTheAddressLanguagesForOneHost() {
        Target target = Target.parse("admin@h2:2222(-Z SUDO -d 3)");
        assertEquals(new Target("admin", "h2", 2222, List.of("-Z", "SUDO", "-d", "3")), target);
        assertEquals("admin@h2:2222", target.address());
        assertEquals("SUDO", target.context().value("-Z"));
        assertEquals(new Target(null, "fd00::1", 22, List.of()), Target.parse("[fd00::1]:22"));
        assertEquals(Target.of("fd00::1"), Target.parse("fd00::1"));
        assertEquals("h1(-u 'a b')", new Target(null, "h1", null, List.of("-u", "a b")).toString());
    }

    @Example
    void aBadTargetIsOneLineNamingTheColumn() {
        assertMessage("expected a port number 1-65535 in 'h1:0' at column 4", "h1:0");
        assertMessage("expected a user name before '@' in 'a b@h1' at column 1", "a b@h1");
        assertMessage("expected a host name or IP address (letters, digits, '.', '-', '_') in 'n[1-3]' at column 1",
                "n[1-3]");
        assertMessage("expected ':<port>' after ']' in '[::1]' at column 6", "[::1]");
        assertMessage("unknown context option -q (known: -aAbdDcCFgHijklLMoOprsStTuWxzZ with a value, "
                + "-EfhnvVwXyY without) in 'h1(-q)' at column 4", "h1(-q)");
        assertMessage("expected ')' closing the context options in 'h1(-d 1' at column 3", "h1(-d 1");
    }

    private static void assertMessage(String expected, String text) {
        SyntaxException e = assertThrows(SyntaxException.class, () -> Target.parse(text));
        assertEquals(expected, e.getMessage());
        assertTrue(e instanceof UsageException);
    }

    @Provide
    Arbitrary<Target> targets() {
        Arbitrary<String> users = Arbitraries.strings().withChars("abcxyz019_.-").ofMinLength(1).ofMaxLength(8)
                .filter(Target::isUserName).injectNull(0.3);
        Arbitrary<String> names = Arbitraries.strings().withChars("abcxyz019.-_").ofMinLength(1).ofMaxLength(12)
                .filter(n -> Character.isLetterOrDigit(n.charAt(0)) || n.charAt(0) == '_');
        Arbitrary<String> v6 = Arbitraries.of("::1", "fd00::1", "fe80::1%eth0", "2001:db8::a:b", "::");
        Arbitrary<String> hosts = Arbitraries.oneOf(names, v6);
        Arbitrary<Integer> ports = Arbitraries.integers().between(1, 65535).injectNull(0.4);
        return Combinators.combine(users, hosts, ports, contexts())
                .as((user, host, port, context) -> new Target(user, host, port, context.argv()));
    }

    @Provide
    Arbitrary<ContextOptions> contexts() {
        Arbitrary<ContextOptions.Option> valued = Combinators.combine(
                Arbitraries.of("-d", "-Z", "-b", "-u", "-T", "-L"),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(10).withChars("ab1 '\"\\$()-_,=:"))
                .as(ContextOptions.Option::new);
        Arbitrary<ContextOptions.Option> flags = Arbitraries.of("-f", "-X", "-v", "-n")
                .map(f -> new ContextOptions.Option(f, null));
        return Arbitraries.oneOf(valued, flags).list().ofMaxSize(4).map(list -> {
            List<ContextOptions.Option> unique = new ArrayList<>();
            list.stream().filter(o -> unique.stream().noneMatch(u -> u.name().equals(o.name())))
                    .forEach(unique::add);
            return new ContextOptions(unique);
        });
    }
}
