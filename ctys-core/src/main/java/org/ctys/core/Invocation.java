package org.ctys.core;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ctys.api.Target;
import org.ctys.api.exec.CommandRunner;
import org.ctys.core.config.Settings;
import org.ctys.core.config.SettingsLoader;
import org.ctys.core.exec.LocalCommandRunner;
import org.ctys.core.exec.SshCommandRunner;
import org.ctys.core.plugin.PluginRegistry;
import org.ctys.spi.ApiVersion;

/**
 * One run of ctys: where it prints, the environment and settings it reads, where it is installed. Tests build one
 * with their own writers and environment instead of the process's.
 */
public final class Invocation {

    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, String> environment;
    private final Path home;
    private final String currentUser;
    private final boolean root;
    private Settings settings;

    /**
     * @param out standard output
     * @param err standard error
     * @param environment the environment variables ctys reads
     * @param home the installed distribution ({@code bin/}, {@code lib/}, {@code plugins/}, {@code man/}), or
     *             {@code null} when not run from one
     * @param currentUser the user running ctys
     * @param root whether ctys runs as root
     */
    public Invocation(PrintWriter out, PrintWriter err, Map<String, String> environment, Path home,
                      String currentUser, boolean root) {
        this.out = out;
        this.err = err;
        this.environment = Map.copyOf(environment);
        this.home = home;
        this.currentUser = currentUser;
        this.root = root;
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

    /** @return standard output */
    public PrintWriter out() {
        return out;
    }

    /** @return standard error */
    public PrintWriter err() {
        return err;
    }

    /** @return the distribution directory, or {@code null} */
    public Path home() {
        return home;
    }

    /** @return the settings, read on first use from the configuration file and the environment */
    public synchronized Settings settings() {
        if (settings == null) {
            settings = SettingsLoader.load(environment);
        }
        return settings;
    }

    /** @return the plugin directories in search order: the distribution's, then the configured ones */
    public List<Path> pluginDirectories() {
        List<Path> directories = new ArrayList<>();
        if (home != null) {
            directories.add(home.resolve("plugins"));
        }
        directories.addAll(settings().pluginsPath());
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
        return new SshCommandRunner(target, settings().sshConfig(), settings().connectTimeout());
    }
}
