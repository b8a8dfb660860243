package org.ctys.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The settings of one run, after defaults, the configuration file and the environment have been applied in that
 * order (each later source wins).
 *
 * @param pluginsPath more plugin directories, searched after the distribution's own: ~/.ctys/plugins and
 *     /etc/ctys/plugins, then the configured ones
 * @param sshConfig an ssh configuration file used instead of the user's ({@code ssh -F}), or {@code null}
 * @param connectTimeout how long ssh waits for a connection
 * @param fanOut how many targets are worked on at once
 * @param groupsPath the directories group files are found in, in order
 * @param macrosPath the directories macro files are found in, in order
 * @param source the configuration file that was read, or {@code null}
 */
public record Settings(List<Path> pluginsPath, Path sshConfig, Duration connectTimeout, int fanOut,
                       List<Path> groupsPath, List<Path> macrosPath, Path source) {

    /** Copies. */
    public Settings {
        pluginsPath = List.copyOf(pluginsPath);
        groupsPath = List.copyOf(groupsPath);
        macrosPath = List.copyOf(macrosPath);
    }

    /**
     * @param home the user's home directory, or {@code null}
     * @return the built-in defaults
     */
    public static Settings defaults(String home) {
        return new Settings(userThenSystem(home, "plugins"), null, Duration.ofSeconds(10), 64,
                userThenSystem(home, "groups"),
                userThenSystem(home, "macros"), null);
    }

    private static List<Path> userThenSystem(String home, String kind) {
        Path system = Path.of("/etc/ctys", kind);
        return home == null || home.isEmpty() ? List.of(system) : List.of(Path.of(home, ".ctys", kind), system);
    }
}
