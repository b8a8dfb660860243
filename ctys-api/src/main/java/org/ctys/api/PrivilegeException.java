package org.ctys.api;

/**
 * A command that needs root was refused root on a target: no escalation was configured, or sudo/ksu would not
 * allow it. The message names the command and the rule that would allow it. Exit code 2 when every target fails
 * this way, 3 when others succeed.
 *
 * @since 0.1
 */
public class PrivilegeException extends EnvironmentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the command, the user and the rule that would allow it
     */
    public PrivilegeException(String message) {
        super(message);
    }
}
