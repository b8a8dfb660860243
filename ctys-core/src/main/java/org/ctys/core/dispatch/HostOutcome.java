package org.ctys.core.dispatch;

import java.util.Objects;
import org.ctys.api.ActionResult;
import org.ctys.api.CtysException;
import org.ctys.api.Target;

/**
 * How an action ended on one target: a result, or the error that stopped it.
 *
 * @param target the target
 * @param result what the action produced, or {@code null} when it failed
 * @param error why it failed, or {@code null} when it succeeded
 */
public record HostOutcome(Target target, ActionResult result, CtysException error) {

    /** Validates: exactly one of result and error. */
    public HostOutcome {
        Objects.requireNonNull(target, "target");
        if ((result == null) == (error == null)) {
            throw new IllegalArgumentException("an outcome has either a result or an error");
        }
    }

    /** @return whether the action succeeded on this target */
    public boolean succeeded() {
        return error == null;
    }
}
