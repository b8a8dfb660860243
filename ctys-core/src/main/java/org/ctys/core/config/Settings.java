package org.ctys.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The settings of one run, after defaults, the configuration file and the environment have been applied in that
 * order (each later source wins).
 *
 * @param pluginsPath extra plugin directories, searched after the distribution's own
 * @param sshConfig an ssh configuration file used instead of the user's ({@code ssh -F}), or {@code null}
 * @param connectTimeout how long ssh waits for a connection
 * @param fanOut how many targets are worked on at once
 * @param source the configuration file that was read, or {@code null}
 */
public record Settings(List<Path> pluginsPath, Path sshConfig, Duration connectTimeout, int fanOut, Path source) {

    /** The built-in defaults. */
    public static final Settings DEFAULTS = new Settings(List.of(), null, Duration.ofSeconds(10), 64, null);

    /** Copies. */
    public Settings {
        pluginsPath = List.copyOf(pluginsPath);
    }
}
