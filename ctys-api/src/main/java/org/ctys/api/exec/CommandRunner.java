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
}
