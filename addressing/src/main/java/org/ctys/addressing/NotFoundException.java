package org.ctys.addressing;

import org.ctys.api.EnvironmentException;

/**
 * A group or macro file that the address names and that does not exist along its search path (exit code 2).
 *
 * @since 0.1
 */
public final class NotFoundException extends EnvironmentException {
    private static final long serialVersionUID = 1L;

    /** @param message names what is missing and where it was looked for */
    public NotFoundException(String message) {
        super(message);
    }
}
