package org.ctys.core.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** What a command line gave: the options' values and the positional words, as picocli or {@link PlainLine} read it. */
interface Given {

    /** @return the value of the option named {@code name}, its initial value when it was not given */
    <T> T get(String name);

    /** @return the positional words, in order */
    List<String> words();

    /** @return whether the flag {@code name} was given */
    default boolean on(String name) {
        return Boolean.TRUE.equals(get(name));
    }

    /** @return what picocli parsed into {@code spec} */
    static Given of(CommandSpec spec) {
        return new Given() {
            @Override
            public <T> T get(String name) {
                return spec.findOption(name).getValue();
            }

            @Override
            public List<String> words() {
                List<String> words = spec.positionalParameters().get(0).getValue();
                return words == null ? List.of() : new ArrayList<>(words);
            }
        };
    }
}
