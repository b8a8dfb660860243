package org.ctys.api.exec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One system command as an argv list, never a shell string. A runner quotes it for a remote shell in exactly one
 * place, so no argument is ever interpreted by a shell on its way.
 *
 * @param argv the program and its arguments, at least the program; never {@code null}
 * @param stdin text fed to the standard input, or {@code null} for none
 * @param environment extra environment variables for the command, never {@code null}
 * @param directory the working directory on the target, or {@code null} for the runner's default
 * @param timeout how long the command may run, or {@code null} for the runner's default
 * @param privilege whether the command needs root
 * @param readOnly whether the command only looks: then it runs even in a dry run, so that the plan printed is the
 *                 one that would run on this target
 * @since 0.1
 */
public record Command(List<String> argv, String stdin, Map<String, String> environment, String directory,
                      Duration timeout, Privilege privilege, boolean readOnly) {

    /**
     * Validates and copies.
     *
     * @param argv the program and its arguments, at least the program; never {@code null}
     * @param stdin text fed to the standard input, or {@code null} for none
     * @param environment extra environment variables for the command, never {@code null}
     * @param directory the working directory on the target, or {@code null} for the runner's default
     * @param timeout how long the command may run, or {@code null} for the runner's default
     * @param privilege whether the command needs root
     * @param readOnly whether the command only looks: then it runs even in a dry run, so that the plan printed is the
     *                 one that would run on this target
     */
    public Command {
        argv = List.copyOf(argv);
        if (argv.isEmpty() || argv.get(0).isEmpty()) {
            throw new IllegalArgumentException("a command needs a program name");
        }
        environment = Map.copyOf(environment);
        Objects.requireNonNull(privilege, "privilege");
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /**
     * Returns a command run as the login user, with no stdin, extra environment, directory or timeout.
     *
     * @param argv the program and its arguments
     * @return a command run as the login user, with no stdin, extra environment, directory or timeout
     */
    public static Command of(String... argv) {
        return of(List.of(argv));
    }

    /**
     * Returns a command run as the login user, with no stdin, extra environment, directory or timeout.
     *
     * @param argv the program and its arguments
     * @return a command run as the login user, with no stdin, extra environment, directory or timeout
     */
    public static Command of(List<String> argv) {
        return new Command(argv, null, Map.of(), null, null, Privilege.USER, false);
    }

    /**
     * Returns this command marked as only looking, run even in a dry run (it must change nothing).
     *
     * @return this command marked as only looking, run even in a dry run (it must change nothing)
     */
    public Command asReadOnly() {
        return new Command(argv, stdin, environment, directory, timeout, privilege, true);
    }

    /**
     * Returns this command marked as needing root.
     *
     * @return this command marked as needing root
     */
    public Command asRoot() {
        return new Command(argv, stdin, environment, directory, timeout, Privilege.ROOT, readOnly);
    }

    /**
     * Returns this command with that standard input.
     *
     * @param text the standard input
     * @return this command with that standard input
     */
    public Command withStdin(String text) {
        return new Command(argv, text, environment, directory, timeout, privilege, readOnly);
    }

    /**
     * Returns this command with that timeout.
     *
     * @param limit how long the command may run
     * @return this command with that timeout
     */
    public Command withTimeout(Duration limit) {
        return new Command(argv, stdin, environment, directory, limit, privilege, readOnly);
    }

    /**
     * Returns this command with those variables.
     *
     * @param variables extra environment variables
     * @return this command with those variables
     */
    public Command withEnvironment(Map<String, String> variables) {
        return new Command(argv, stdin, variables, directory, timeout, privilege, readOnly);
    }

    /**
     * Returns this command run in that directory.
     *
     * @param path the working directory on the target
     * @return this command run in that directory
     */
    public Command inDirectory(String path) {
        return new Command(argv, stdin, environment, path, timeout, privilege, readOnly);
    }
}
