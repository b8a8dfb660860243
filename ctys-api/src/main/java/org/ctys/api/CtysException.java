package org.ctys.api;

/**
 * The root of every error ctys reports on purpose.
 *
 * <p>Only the command-line edge maps these to exit codes: {@link UsageException} to 1 (erroneous parameters),
 * {@link EnvironmentException} to 2 (a missing tool, file, plugin, socket or privilege). Plugins throw them and
 * never exit. Messages are one line, quote the offending input and say what was expected.
 *
 * @since 0.1
 */
public abstract class CtysException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line, never {@code null}
     */
    protected CtysException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message one line, never {@code null}
     * @param cause the underlying failure, may be {@code null}
     */
    protected CtysException(String message, Throwable cause) {
        super(message, cause);
    }
}
