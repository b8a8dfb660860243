package org.ctys.api;

/**
 * Erroneous parameters: a bad option, an unknown session type or action, a malformed sub-option or address.
 * The command line maps it to exit code 1.
 *
 * @since 0.1
 */
public class UsageException extends CtysException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line that quotes the input and says what was expected, never {@code null}
     */
    public UsageException(String message) {
        super(message);
    }
}
