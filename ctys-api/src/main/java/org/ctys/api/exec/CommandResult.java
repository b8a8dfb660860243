package org.ctys.api.exec;

import java.time.Duration;
import java.util.Objects;

/**
 * How one command ended.
 *
 * @param exitCode the exit status of the command on the target
 * @param stdout everything it wrote to standard output, never {@code null}
 * @param stderr everything it wrote to standard error, never {@code null}
 * @param elapsed how long it ran, never {@code null}
 * @since 0.1
 */
public record CommandResult(int exitCode, String stdout, String stderr, Duration elapsed) {

    /**
     * Validates.
     *
     * @param exitCode the exit status of the command on the target
     * @param stdout everything it wrote to standard output, never {@code null}
     * @param stderr everything it wrote to standard error, never {@code null}
     * @param elapsed how long it ran, never {@code null}
     */
    public CommandResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /**
     * Returns whether the exit status is 0.
     *
     * @return whether the exit status is 0
     */
    public boolean succeeded() {
        return exitCode == 0;
    }
}
