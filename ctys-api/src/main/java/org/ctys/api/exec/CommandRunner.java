package org.ctys.api.exec;

/**
 * Runs commands on one target: locally, or over ssh. Implemented by core only; plugins receive one through
 * their context and never know which transport it uses.
 *
 * @since 0.1
 */
public interface CommandRunner {

    /**
     * Runs a command to completion.
     *
     * @param command the command, never {@code null}
     * @return how it ended; a non-zero exit status is a result, not an exception
     * @throws org.ctys.api.EnvironmentException if the command cannot be started or the target cannot be reached
     */
    CommandResult run(Command command);

    /**
     * Runs commands in order, stopping after the first that fails (a non-zero exit status), in as few round trips
     * to the target as the runner can: core's runner sends a batch without standard input, environment or
     * directory to a remote target as one script, each command still escalated and time-limited on its own.
     * Plugins use it for steps that need no decision in between, e.g. the steps of a journaled create. Core's
     * runner asks for the privilege of every root command of a batch before the first one runs, so that a refused
     * privilege ({@link org.ctys.api.PrivilegeException}) means none of the batch ran.
     *
     * @param commands the commands, in order
     * @return one result per command that ran: all of them, or up to and including the first that failed
     * @throws org.ctys.api.EnvironmentException as {@link #run(Command)} does, for the command it concerns
     */
    default java.util.List<CommandResult> runAll(java.util.List<Command> commands) {
        java.util.List<CommandResult> results = new java.util.ArrayList<>();
        for (Command command : commands) {
            CommandResult result = run(command);
            results.add(result);
            if (!result.succeeded()) {
                break;
            }
        }
        return results;
    }
}
