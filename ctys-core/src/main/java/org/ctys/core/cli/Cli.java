package org.ctys.core.cli;

import java.util.Locale;
import org.ctys.api.CtysException;
import org.ctys.core.ExitCodes;
import org.ctys.core.Invocation;
import picocli.CommandLine;

/** Builds the picocli command line of a face and maps every error to one line and an exit code. */
final class Cli {

    static {
        // picocli registers, on every command line, converters for the java.sql and java.time types by reflection:
        // about 80 classes loaded for types no option of ctys has
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", "java\\.sql\\..*,java\\.time\\..*");
        }
    }

    private Cli() {
    }

    static CommandLine commandLine(Invocation invocation, String face) {
        return commandLine(invocation, face, null);
    }

    /**
     * @param line the command line: where it cannot name the {@code plugins} subcommands (no word {@code plugins},
     *     no help option), their model is left out, which saves about 5 ms of start-up; {@code null} for all of it
     */
    static CommandLine commandLine(Invocation invocation, String face, String[] line) {
        CommandLine commandLine = switch (face) {
            case "ctys" -> {
                CtysCommand ctys = new CtysCommand(invocation);
                CommandLine root = new CommandLine(ctys.spec());
                if (line == null || java.util.Arrays.stream(line).anyMatch(a -> a.equals("plugins")
                        || a.startsWith("-") && (a.indexOf('h') > 0 || a.indexOf('H') > 0))) {
                    PluginsCommand plugins = new PluginsCommand(invocation, ctys);
                    root.addSubcommand("plugins", new CommandLine(plugins.spec())
                            .addSubcommand("doctor", new CommandLine(new PluginsDoctorCommand(invocation, plugins)
                                    .spec())));
                }
                yield root;
            }
            case "ctys-setupVDE" -> new CommandLine(new SetupVdeCommand(invocation).spec());
            default -> throw new IllegalArgumentException("unknown face: " + face);
        };
        // "@name" is a group of the address language, never a file of arguments: picocli would read one from
        // the working directory, which may be another user's
        commandLine.setExpandAtFiles(false);
        commandLine.setOut(invocation.out());
        commandLine.setErr(invocation.err());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExitCodeExceptionMapper(ExitCodes::of);
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(failed.getCommandName() + ": " + oneLine(e.getMessage()));
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " -h' for more information.");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            failed.getErr().println(failed.getCommandSpec().root().name() + ": " + oneLine(message(e)));
            if (Logging.debugging()) {
                e.printStackTrace(failed.getErr());
            }
            return ExitCodes.of(e);
        });
        return commandLine;
    }

    private static String message(Throwable error) {
        if (error instanceof CtysException) {
            return error.getMessage();
        }
        return "internal error: " + error + " (run with -d 2 for the stack trace)";
    }

    static String oneLine(String text) {
        return text == null ? "" : text.strip().replace('\n', ' ').replace('\r', ' ');
    }

    static String upper(String text) {
        return text.toUpperCase(Locale.ROOT);
    }
}
