package org.ctys.core.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
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

    /**
     * Runs a command line of {@code face}: a plain one without picocli's model, any other through it.
     *
     * @return the exit code
     */
    static int execute(Invocation invocation, String face, String... args) {
        Optional<Given> plain = switch (face) {
            case "ctys" -> CtysCommand.plain(args);
            case "ctys-setupVDE" -> SetupVdeCommand.plain(args);
            default -> Optional.empty();
        };
        if (plain.isEmpty()) {
            return commandLine(invocation, face, args).execute(args);
        }
        try {
            return face.equals("ctys") ? new CtysCommand(invocation).run(plain.get())
                    : new SetupVdeCommand(invocation).run(plain.get());
        } catch (Exception e) {
            return failed(invocation.err(), face, e);
        }
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
                if (line == null || java.util.Arrays.stream(line).anyMatch(a -> a.equals(CtysCommand.PLUGINS)
                        || a.startsWith("-") && (a.indexOf('h') > 0 || a.indexOf('H') > 0))) {
                    PluginsCommand plugins = new PluginsCommand(invocation, ctys);
                    root.addSubcommand(CtysCommand.PLUGINS, new CommandLine(plugins.spec())
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
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) ->
                failed(failed.getErr(), failed.getCommandSpec().root().name(), e));
        return commandLine;
    }

    /** Reports a command's failure in one line (with the stack trace when debugging) and maps it to its exit code. */
    private static int failed(PrintWriter err, String name, Exception error) {
        err.println(name + ": " + oneLine(message(error)));
        if (Logging.debugging()) {
            error.printStackTrace(err);
        }
        return ExitCodes.of(error);
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
