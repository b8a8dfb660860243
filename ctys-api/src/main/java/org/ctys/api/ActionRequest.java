package org.ctys.api;

import java.util.Locale;
import java.util.Objects;

/**
 * What the user asked for: a session type, an action and its sub-options.
 *
 * @param sessionType the session type in upper case, e.g. {@code VDE}; never {@code null}
 * @param action the action in upper case, e.g. {@code CREATE}; never {@code null}
 * @param subOptions the decoded sub-options, never {@code null}
 * @param dryRun the same as {@link org.ctys.spi.PluginContext#dryRun()}, which is the one to read: the context is
 *     what a service called with it sees too
 * @since 0.1
 */
public record ActionRequest(String sessionType, String action, SubOptions subOptions,
                            @Deprecated(since = "0.1") boolean dryRun) {

    /**
     * Validates and normalises the case of type and action.
     *
     * @param sessionType the session type in upper case, e.g. {@code VDE}; never {@code null}
     * @param action the action in upper case, e.g. {@code CREATE}; never {@code null}
     * @param subOptions the decoded sub-options, never {@code null}
     * @param dryRun whether to show what would run instead of changing anything
     */
    public ActionRequest {
        sessionType = Objects.requireNonNull(sessionType, "sessionType").toUpperCase(Locale.ROOT);
        action = Objects.requireNonNull(action, "action").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(subOptions, "subOptions");
    }
}
