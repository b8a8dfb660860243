package org.ctys.core.cli;

import java.util.Optional;
import org.ctys.core.ExitCodes;
import org.ctys.core.Invocation;
import org.ctys.core.Version;
import picocli.CommandLine.Option;

/** The options both faces share and answer before any work: debug level, extended help, version, usage. */
final class CommonOptions {

    @Option(names = "-d", paramLabel = "<level>", description = "Debug output on standard error: 0 warnings "
            + "(default), 1 progress, 2 debug, 3 everything.")
    int debug;

    @Option(names = "-H", paramLabel = "<topic>", arity = "0..1", fallbackValue = "topics",
            description = "Extended help on a topic: topics, man, setupVDE, subopts, exit-codes, plugins, or a "
                    + "session type such as VDE.")
    String helpTopic;

    @Option(names = {"-V", "--version"}, description = "Print the version (bare with -X).")
    boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this help.")
    boolean help;

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
