package org.ctys.core;

import org.ctys.api.EnvironmentException;
import org.ctys.api.UsageException;

/** The exit codes of ctys, the same for every command and face, and the one mapping of errors to them. */
public final class ExitCodes {

    /** Everything succeeded. */
    public static final int OK = 0;
    /** Erroneous parameters: a bad option, address, sub-option, session type or action. */
    public static final int USAGE = 1;
    /** A missing environment element: a plugin, tool, file, socket or privilege. */
    public static final int ENVIRONMENT = 2;
    /** One or more targets failed, while others may have succeeded. */
    public static final int TARGETS_FAILED = 3;

    private ExitCodes() {
    }

    /**
     * @param error why a command or a target failed; {@code null} when it failed without one
     * @return {@link #USAGE} for a usage error, {@link #ENVIRONMENT} for a missing environment element, else
     *     {@link #TARGETS_FAILED}: a target that failed, or a fault of ctys itself, means the work was not done
     */
    public static int of(Throwable error) {
        if (error instanceof UsageException) {
            return USAGE;
        }
        if (error instanceof EnvironmentException) {
            return ENVIRONMENT;
        }
        return TARGETS_FAILED;
    }
}
