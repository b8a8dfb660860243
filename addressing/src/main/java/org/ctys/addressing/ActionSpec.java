package org.ctys.addressing;

import java.util.Objects;
import org.ctys.api.SubOptions;
import org.ctys.api.SyntaxException;

/**
 * The value of the {@code -a} option: an action name and its decoded sub-options.
 *
 * @param action the action name in upper case, never {@code null}
 * @param subOptions the decoded sub-options, never {@code null}
 * @since 0.1
 */
public record ActionSpec(String action, SubOptions subOptions) {

    /** Validates. */
    public ActionSpec {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subOptions, "subOptions");
    }

    /**
     * Parses {@code ACTION[=subopts]} with the grammar of {@link SubOptionSyntax}.
     *
     * @param text the argument of {@code -a}, e.g. {@code create=l:vm1,cmd:uname%-a}
     * @return the action and its sub-options
     * @throws SyntaxException if the text does not follow the grammar
     */
    public static ActionSpec parse(String text) {
        return SubOptionSyntax.parseAction(text);
    }

    /** @return the canonical text form, which {@link #parse} turns back into an equal value */
    @Override
    public String toString() {
        return subOptions.isEmpty() ? action : action + "=" + SubOptionSyntax.format(subOptions);
    }
}
