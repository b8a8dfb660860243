package org.ctys.core.exec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The environment variables and working directory the processes of one run start with: this process's own
 * ({@link #INHERITED}) unless a caller that embeds ctys names others.
 *
 * @param variables the variables, replacing this process's; {@code null} to inherit them
 * @param directory the working directory; {@code null} to inherit it
 */
public record ProcessEnvironment(Map<String, String> variables, Path directory) {

    /** This process's own environment and directory. */
    public static final ProcessEnvironment INHERITED = new ProcessEnvironment(null, null);

    /** The JDK's switch for how it starts processes, read once, when the JVM starts its first process. */
    static final String LAUNCH_MECHANISM = "jdk.lang.Process.launchMechanism";

    static {
        // Every process ctys starts is built here (builder), so this runs before the JDK reads the switch. JDK 17 to
        // 24 start each process through a helper program (posix_spawn of jspawnhelper, which then executes the
        // command): vfork and exec is about 2 ms of wall and CPU time less a process (measured with JDK 17 here:
        // 4.4 against 2.1 ms), and ctys starts one or more a target. It was Linux's default up to JDK 12; JDK 25
        // deprecates it (and starts processes faster itself), so there the JDK's default stays, as does a choice
        // made on the command line.
        if (Runtime.version().feature() < 25 && System.getProperty(LAUNCH_MECHANISM) == null) {
            System.setProperty(LAUNCH_MECHANISM, "VFORK");
        }
    }

    /** Copies the variables. */
    public ProcessEnvironment {
        variables = variables == null ? null : Map.copyOf(variables);
    }

    /**
     * @param argv a command line
     * @return a builder for it in this environment, standard input and output still pipes; ctys starts every
     *     process through one of these
     */
    public ProcessBuilder builder(List<String> argv) {
        ProcessBuilder builder = new ProcessBuilder(argv);
        if (variables != null) {
            builder.environment().clear();
            builder.environment().putAll(variables);
        }
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        return builder;
    }

    /**
     * @param path a path as given (an option, a setting)
     * @return the path, absolute: against the working directory when it is relative
     */
    public Path resolve(String path) {
        return directory == null ? Path.of(path).toAbsolutePath() : directory.resolve(path);
    }
}
