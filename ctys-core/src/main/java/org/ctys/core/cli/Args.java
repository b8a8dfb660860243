package org.ctys.core.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Declares the options of a picocli command through its programmatic API ({@link Given} reads back what was given).
 * Annotations would say the same, but picocli reads them by reflection, and the JDK parses every annotation and
 * makes a proxy class for each annotation type it meets: the same model built here starts each command 45-60 ms
 * sooner (A/B of both builds with their class-data archives: a VDE list 324 -> 263 ms, --expand 203 -> 154 ms,
 * median of 21). The help, the manual pages and the completion script it gives are the annotated model's, byte
 * for byte.
 */
final class Args {

    private Args() {
    }

    /** @return a command spec for {@code command} named {@code name}, with ctys's parser settings */
    static CommandSpec command(Object command, String name) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        spec.name(name);
        spec.parser().separator(" ");
        return spec;
    }

    /** Lists a command's exit codes in its help, {@code "code:meaning"} each, in order. */
    static void exitCodes(CommandSpec spec, String... codes) {
        Map<String, String> list = new LinkedHashMap<>();
        for (String code : codes) {
            int colon = code.indexOf(':');
            list.put(code.substring(0, colon), code.substring(colon + 1));
        }
        spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(list);
    }

    /** Adds {@code options} to {@code spec}, in order. */
    static void add(CommandSpec spec, List<Option> options) {
        for (Option option : options) {
            spec.addOption(spec(option));
        }
    }

    /** @return picocli's model of {@code option} */
    static OptionSpec spec(Option option) {
        OptionSpec.Builder builder = OptionSpec.builder(option.names().toArray(new String[0])).type(option.type())
                .description(option.description());
        if (option.isFlag()) {
            builder.arity("0");
        } else if (option.type() == List.class) {
            builder.auxiliaryTypes(String.class).paramLabel(option.label());
        } else {
            builder.paramLabel(option.label());
        }
        if (option.initial() != null) {
            builder.initialValue(option.initial()).hasInitialValue(true);
        }
        return builder.build();
    }

    /** @return {@code -h, --help} */
    static OptionSpec help() {
        return OptionSpec.builder("-h", "--help").usageHelp(true).description("Print this help.").build();
    }

    /** @return the positional parameters: any number of words */
    static PositionalParamSpec words(String label, String description) {
        return PositionalParamSpec.builder().paramLabel(label).arity("0..*").type(List.class)
                .auxiliaryTypes(String.class).description(description).build();
    }
}
