package org.ctys.addressing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ctys.api.SubOption;
import org.ctys.api.SubOptions;

/** Every value survives format-then-parse, including the ones the original mangled. */
class SubOptionRoundTripProperties {

    @Property(tries = 3000)
    void formatThenParseGivesTheSameSubOptions(@ForAll("subOptions") List<SubOption> items) {
        ActionSpec spec = new ActionSpec("CREATE", new SubOptions(items));
        assertEquals(spec, ActionSpec.parse(spec.toString()));
    }

    @Provide
    Arbitrary<List<SubOption>> subOptions() {
        Arbitrary<String> keys = Arbitraries.strings().withCharRange('a', 'z').withChars("_0-.").ofMinLength(1)
                .ofMaxLength(6).filter(k -> Character.isLetterOrDigit(k.charAt(0)) || k.charAt(0) == '_');
        Arbitrary<String> values = Arbitraries.strings().withChars(",:%\\ ab-=()'\"$é\t").ofMaxLength(12)
                .injectNull(0.2);
        return Combinators.combine(keys, values).as(SubOption::new).list().ofMinSize(1).ofMaxSize(5);
    }
}
