package org.ctys.core.cli;

import java.util.List;
import java.util.Optional;
import org.ctys.core.ExitCodes;
import org.ctys.core.Invocation;
import org.ctys.core.Version;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options both faces share and answer before any work: debug level, extended help, version, usage.
 *
 * @param debug {@code -d}
 * @param helpTopic {@code -H}, or {@code null}
 * @param version {@code -V}
 */
record CommonOptions(int debug, String helpTopic, boolean version) {

    private static final Option DEBUG = Option.value(int.class, "<level>", "Debug output on standard error: "
            + "0 warnings (default), 1 progress, 2 debug, 3 everything.", "-d");
    private static final Option VERSION = Option.flag("Print the version (bare with -X).", "-V", "--version");

    /** The options of these a plain line may give: help is always picocli's to read. */
    static final List<Option> PLAIN = List.of(DEBUG, VERSION);

    static void declare(CommandSpec spec) {
        spec.addOption(Args.spec(DEBUG));
        spec.addOption(OptionSpec.builder("-H").type(String.class).paramLabel("<topic>").arity("0..1")
                .fallbackValue("topics").description("Extended help on a topic: topics, man, setupVDE, subopts, "
                        + "exit-codes, plugins, or a session type such as VDE.")
                // the topic is taken here: picocli would take the topic 'plugins' for the subcommand of that name
                .preprocessor((args, command, option, info) -> {
                    option.setValue(!args.isEmpty() && !args.peek().startsWith("-") ? args.pop() : "topics");
                    return true;
                }).build());
        spec.addOption(Args.spec(VERSION));
        spec.addOption(Args.help());
    }

    static CommonOptions of(Given given) {
        return new CommonOptions(given.<Integer>get("-d"), given.get("-H"), given.on("-V"));
    }

    /**
     * Sets up logging, then answers {@code -V} and {@code -H}.
     *
     * @return the exit code when one of them was given, empty when the command goes on
     */
    Optional<Integer> answer(Invocation invocation, String name, boolean terse) {
        Logging.configure(invocation, debug);
        if (version) {
            invocation.out().println(Version.line(name, terse));
            return Optional.of(ExitCodes.OK);
        }
        if (helpTopic != null) {
            return Optional.of(new HelpTopics(invocation).show(helpTopic));
        }
        return Optional.empty();
    }
}
