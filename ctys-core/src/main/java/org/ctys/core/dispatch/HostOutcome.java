package org.ctys.core.dispatch;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.ctys.api.ActionResult;
import org.ctys.api.CtysException;
import org.ctys.api.EnvironmentException;
import org.ctys.api.PrivilegeException;
import org.ctys.api.Target;
import org.ctys.api.TargetFailureException;
import org.ctys.api.UsageException;

/**
 * How an action ended on one target: a result, or the error that stopped it, and how long it took.
 *
 * @param target the target
 * @param result what the action produced, or {@code null} when it failed
 * @param error why it failed, or {@code null} when it succeeded
 * @param duration how long the target took
 */
public record HostOutcome(Target target, ActionResult result, CtysException error, Duration duration) {

    /** Validates: exactly one of result and error. */
    public HostOutcome {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(duration, "duration");
        if ((result == null) == (error == null)) {
            throw new IllegalArgumentException("an outcome has either a result or an error");
        }
    }

    /** @return whether the action succeeded on this target */
    public boolean succeeded() {
        return error == null;
    }

    /** @return {@code ok}, {@code changed} or {@code failed} */
    public String status() {
        return error != null ? "failed" : result.changed() ? "changed" : "ok";
    }

    /**
     * @return for a failure, what kind: {@code connect}, {@code timeout}, {@code exit}, {@code cancelled},
     *         {@code privilege}, {@code usage}, {@code environment} or {@code plugin}; {@code null} on success
     */
    public String failure() {
        if (error == null) {
            return null;
        }
        if (error instanceof TargetFailureException failure) {
            return failure.reason().name().toLowerCase(Locale.ROOT);
        }
        if (error instanceof PrivilegeException) {
            return "privilege";
        }
        if (error instanceof UsageException) {
            return "usage";
        }
        if (error instanceof EnvironmentException) {
            return "environment";
        }
        return "plugin";
    }
}
