package org.ctys.addressing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.ctys.api.Target;
import org.junit.jupiter.api.Test;

class TargetSyntaxTest {

    @Test
    void parsesEveryPlainAddressForm() {
        assertEquals(List.of(
                new Target(null, "lab00", null, List.of()),
                new Target("root", "lab01", null, List.of()),
                new Target(null, "lab02", 2222, List.of()),
                new Target("acue", "10.0.0.1", 22, List.of()),
                new Target(null, "::1", 22, List.of()),
                new Target(null, "fe80::1", null, List.of())),
                TargetSyntax.parse(List.of("lab00", "root@lab01", "lab02:2222", "acue@10.0.0.1:22", "[::1]:22",
                        "fe80::1"), null));
    }

    @Test
    void a08DefaultUserAppliesOnlyWithoutExplicitUser() {
        assertEquals(List.of(new Target("root", "host1", null, List.of()),
                new Target("acue", "host2", null, List.of())),
                TargetSyntax.parse(List.of("host1", "acue@host2"), "root"));
    }

    @Test
    void commasSeparateTargetsLikeTheLaterUpstreamDashR() {
        assertEquals(List.of(Target.of("h1"), Target.of("h2"), Target.of("h3")),
                TargetSyntax.parse(List.of("h1,h2", "h3"), null));
    }

    @Test
    void badAddressesNameTheColumn() {
        assertEquals(4, assertThrows(SyntaxException.class, () -> TargetSyntax.parse(List.of("h1,,h2"), null))
                .column());
        assertEquals(5, assertThrows(SyntaxException.class, () -> TargetSyntax.parse(List.of("lab:99999"), null))
                .column());
        assertEquals(1, assertThrows(SyntaxException.class, () -> TargetSyntax.parse(List.of("a b@h"), null))
                .column());
        assertEquals(1, assertThrows(SyntaxException.class, () -> TargetSyntax.parse(List.of("-rf"), null))
                .column());
        assertEquals(3, assertThrows(SyntaxException.class, () -> TargetSyntax.parse(List.of("h1(-d 1)"), null))
                .column());
    }
}
