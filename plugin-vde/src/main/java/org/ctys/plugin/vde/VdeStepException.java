package org.ctys.plugin.vde;

import org.ctys.api.TargetFailureException;

/** A step of a VDE action failed on its target; what the run had done there was rolled back. */
final class VdeStepException extends TargetFailureException {
    private static final long serialVersionUID = 1L;

    private final String step;

    VdeStepException(String message) {
        this(null, message);
    }

    /**
     * @param step the step that failed, or {@code null}
     * @param message what failed and what was undone
     */
    VdeStepException(String step, String message) {
        this(step, message, Reason.EXIT);
    }

    /** @param reason how it failed: the target unreachable or out of time, or the step's command itself */
    VdeStepException(String step, String message, Reason reason) {
        super(reason, message);
        this.step = step;
    }

    /** @return the step that failed, or {@code null} when not one of a journal */
    String step() {
        return step;
    }
}
