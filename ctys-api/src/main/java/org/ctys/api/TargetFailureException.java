package org.ctys.api;

import java.util.Objects;

/**
 * A target on which the work could not be done: it could not be reached, it ran past its deadline, a command
 * failed, or the run was cancelled. Other targets go on; the run ends with exit code 3.
 *
 * @since 0.1
 */
public class TargetFailureException extends CtysException {
    private static final long serialVersionUID = 1L;

    /** Why the target failed. */
    public enum Reason {
        /** The target could not be reached or logged into. */
        CONNECT,
        /** The work ran past the target's deadline and was stopped, there too. */
        TIMEOUT,
        /** A command exited with a status that means failure. */
        EXIT,
        /** The run was cancelled (Ctrl-C, or --fail-fast after another target failed). */
        CANCELLED
    }

    private final Reason reason;
    private final transient ActionResult partial;

    /**
     * Creates the exception.
     *
     * @param reason why the target failed
     * @param message one line saying what happened, never {@code null}
     */
    public TargetFailureException(Reason reason, String message) {
        this(reason, message, null);
    }

    /**
     * Creates the exception.
     *
     * @param reason why the target failed
     * @param message one line saying what happened, never {@code null}
     * @param partial what the action produced before it failed (e.g. a command's output), or {@code null}
     */
    public TargetFailureException(Reason reason, String message, ActionResult partial) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.partial = partial;
    }

    /**
     * Returns why the target failed.
     *
     * @return why the target failed
     */
    public Reason reason() {
        return reason;
    }

    /**
     * Returns what the action produced before it failed, or {@code null}.
     *
     * @return what the action produced before it failed, or {@code null}
     */
    public ActionResult partial() {
        return partial;
    }
}
