package org.ctys.core;

/** The exit codes of ctys, the same for every command and face */
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
}
