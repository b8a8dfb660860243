package org.ctys.plugin.vde;

import org.ctys.api.TargetFailureException;

/** A step of a VDE action failed on its target; what the run had done there was rolled back. */
final class VdeStepException extends TargetFailureException {
    private static final long serialVersionUID = 1L;

    VdeStepException(String message) {
        super(Reason.EXIT, message);
    }
}
