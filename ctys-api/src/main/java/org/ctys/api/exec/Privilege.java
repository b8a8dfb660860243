package org.ctys.api.exec;

/**
 * Whether a command needs root. Plugins only mark it; core decides how to become root on each target
 * ({@code sudo -n}, {@code ksu}, or nothing when already root).
 *
 * @since 0.1
 */
public enum Privilege {
    /** Runs as the login user. */
    USER,
    /** Needs root. */
    ROOT
}
