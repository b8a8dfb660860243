package org.ctys.core;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ctys.api.Target;
import org.ctys.api.exec.CommandRunner;
import org.ctys.core.exec.LocalCommandRunner;
import org.ctys.core.exec.SshCommandRunner;
import org.ctys.core.plugin.PluginRegistry;
import org.ctys.spi.ApiVersion;

/**
 * One run of ctys: where it prints, the environment it reads, where it is installed. Tests build one with their
 * own writers and environment instead of the process's.
 *
 * @param out standard output
 * @param err standard error
 * @param environment the environment variables ctys reads
 * @param home the installed distribution ({@code bin/}, {@code lib/}, {@code plugins/}, {@code man/}), or
 *             {@code null} when not run from one
 * @param currentUser the user running ctys
 * @param root whether ctys runs as root
 */
public record Invocation(PrintWriter out, PrintWriter err, Map<String, String> environment, Path home,
                         String currentUser, boolean root) {

    /** Environment variable: more plugin directories, {@code :}-separated, searched after the distribution's. */
    public static final String PLUGINS_PATH = "CTYS_PLUGINS_PATH";
    /** Environment variable: an ssh configuration file used instead of the user's own ({@code ssh -F}). */
    public static final String SSH_CONFIG = "CTYS_SSH_CONFIG";

    /** Copies. */
    public Invocation {
        environment = Map.copyOf(environment);
    }

    /**
     * @param out standard output
     * @param err standard error
     * @param environment the environment variables
     * @param home the distribution directory, or {@code null}
     * @return an invocation for the user this process runs as
     */
    public static Invocation of(PrintWriter out, PrintWriter err, Map<String, String> environment, Path home) {
        return new Invocation(out, err, environment, home, System.getProperty("user.name"), effectiveUidIsRoot());
    }

    private static boolean effectiveUidIsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** @return the plugin directories in search order: the distribution's, then {@value #PLUGINS_PATH} */
    public List<Path> pluginDirectories() {
        List<Path> directories = new ArrayList<>();
        if (home != null) {
            directories.add(home.resolve("plugins"));
        }
        String extra = environment.getOrDefault(PLUGINS_PATH, "");
        for (String entry : extra.split(":")) {
            if (!entry.isBlank()) {
                directories.add(Path.of(entry));
            }
        }
        return directories;
    }

    /** @return every plugin found in {@link #pluginDirectories()} */
    public PluginRegistry loadPlugins() {
        return PluginRegistry.load(pluginDirectories(), currentUser, ApiVersion.current());
    }

    /**
     * @param target a target
     * @return the runner for it: a local one for the local machine, ssh otherwise
     */
    public CommandRunner runnerFor(Target target) {
        if (target.isLocal(currentUser)) {
            return new LocalCommandRunner(root);
        }
        String config = environment.get(SSH_CONFIG);
        return new SshCommandRunner(target, config == null || config.isBlank() ? null : Path.of(config),
                Duration.ofSeconds(10));
    }
}
