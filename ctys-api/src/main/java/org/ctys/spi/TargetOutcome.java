package org.ctys.spi;

import java.util.Objects;
import org.ctys.api.CtysException;
import org.ctys.api.Target;

/**
 * What work on one of several targets came to ({@link PluginContext#onEach}): its value, or why it failed.
 *
 * @param target the target
 * @param value what the work returned, or {@code null} when it failed
 * @param failure why it failed (unreachable, timed out, cancelled, a plugin error), or {@code null}
 * @param <T> what the work returns
 * @since 0.1
 */
public record TargetOutcome<T>(Target target, T value, CtysException failure) {

    /**
     * Validates.
     *
     * @param target the target
     * @param value what the work returned, or {@code null} when it failed
     * @param failure why it failed, or {@code null}
     */
    public TargetOutcome {
        Objects.requireNonNull(target, "target");
    }

    /**
     * Returns whether the work returned.
     *
     * @return whether the work returned, with {@link #value()}
     */
    public boolean succeeded() {
        return failure == null;
    }
}
