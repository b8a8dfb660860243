package org.ctys.core.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * One option of a command, as data: picocli's model is built from it ({@link Args#spec(Option)}), and
 * {@link PlainLine} reads a plain command line with it without building that model.
 *
 * @param names the option's names
 * @param type {@code boolean} for a flag, else the type of its one value: String, int, Integer or Path; List for
 *     strings of an option that may repeat
 * @param label the value's name in the help; {@code null} for a flag
 * @param description the help text
 */
record Option(List<String> names, Class<?> type, String label, String description) {

    /** @return an option that is on or off */
    static Option flag(String description, String... names) {
        return new Option(List.of(names), boolean.class, null, description);
    }

    /** @return an option that takes one value of {@code type} */
    static Option value(Class<?> type, String label, String description, String... names) {
        return new Option(List.of(names), type, label, description);
    }

    /** @return the options of {@code groups}, in order */
    @SafeVarargs
    static List<Option> join(List<Option>... groups) {
        List<Option> options = new ArrayList<>();
        for (List<Option> group : groups) {
            options.addAll(group);
        }
        return List.copyOf(options);
    }

    boolean isFlag() {
        return type == boolean.class;
    }

    /** @return the value when the option is not given: off for a flag, 0 for an int, else none */
    Object initial() {
        if (isFlag()) {
            return Boolean.FALSE;
        }
        return type == int.class ? Integer.valueOf(0) : null;
    }
}
