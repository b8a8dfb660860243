package org.ctys.api;

/**
 * A missing element of the environment: a plugin, a tool, a file, a socket, a privilege, or an action that a
 * plugin does not provide yet. The command line maps it to exit code 2.
 *
 * @since 0.1
 */
public class EnvironmentException extends CtysException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line naming what is missing and, where known, how to get it; never {@code null}
     */
    public EnvironmentException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message one line naming what is missing, never {@code null}
     * @param cause the underlying failure, may be {@code null}
     */
    public EnvironmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
