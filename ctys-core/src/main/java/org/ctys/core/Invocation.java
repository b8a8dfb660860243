package org.ctys.core;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.ctys.addressing.MacroExpander;
import org.ctys.core.config.DefinitionFiles;
import org.ctys.core.config.Settings;
import org.ctys.core.config.SettingsLoader;
import org.ctys.core.exec.Connections;
import org.ctys.core.exec.ProcessEnvironment;
import org.ctys.core.plugin.PluginRegistry;
import org.ctys.core.session.CliSession;
import org.ctys.spi.ApiVersion;

/**
 * The context of one run of ctys: where it prints, the environment and settings it reads, where it is installed, who
 * runs it, whether a terminal watches, and which arguments came from macros. It never changes once made (the
 * settings are read once, on first use); what a run changes lives apart: its ssh connections in
 * {@link Connections}, made per command, and its cancellation in {@link Cancellation}. Tests build one with their
 * own writers and environment instead of the process's.
 */
public final class Invocation {

    /** The defaults of the settings core defines, which plugins read through their context. */
    private static final Map<String, String> SETTING_DEFAULTS = Map.of(org.ctys.spi.PluginContext.SOCKET_BASE,
            org.ctys.spi.PluginContext.DEFAULT_SOCKET_BASE);
    private static final ProcessEnvironment PROCESSES = ProcessEnvironment.INHERITED;

    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, String> environment;
    private final Path home;
    private final String currentUser;
    private final boolean root;
    private final boolean interactive;
    private final Map<String, List<String>> macroOrigins;
    private final Cancellation cancellation;
    private final Supplier<Settings> settings;

    /**
     * @param out standard output
     * @param err standard error
     * @param environment the environment variables ctys reads
     * @param home the installed distribution ({@code bin/}, {@code lib/}, {@code plugins/}, {@code man/}), or
     *             {@code null} when not run from one
     * @param currentUser the user running ctys
     * @param root whether ctys runs as root
     * @param interactive whether standard error is a terminal, where progress is shown
     */
    public Invocation(PrintWriter out, PrintWriter err, Map<String, String> environment, Path home,
                      String currentUser, boolean root, boolean interactive) {
        this(out, err, Map.copyOf(environment), home, currentUser, root, interactive, Map.of(), new Cancellation(),
                null);
    }

    private Invocation(PrintWriter out, PrintWriter err, Map<String, String> environment, Path home,
                       String currentUser, boolean root, boolean interactive, Map<String, List<String>> macroOrigins,
                       Cancellation cancellation, Supplier<Settings> settings) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.home = home;
        this.currentUser = currentUser;
        this.root = root;
        this.interactive = interactive;
        this.macroOrigins = macroOrigins;
        this.cancellation = cancellation;
        this.settings = settings != null ? settings : once(() -> SettingsLoader.load(environment, PROCESSES::resolve));
    }

    /**
     * @param out standard output
     * @param err standard error
     * @param environment the environment variables
     * @param home the distribution directory, or {@code null}
     * @param interactive whether standard error is a terminal
     * @return an invocation for the user this process runs as
     */
    public static Invocation of(PrintWriter out, PrintWriter err, Map<String, String> environment, Path home,
                                boolean interactive) {
        return new Invocation(out, err, environment, home, System.getProperty("user.name"), effectiveUidIsRoot(),
                interactive);
    }

    /**
     * @param out standard output
     * @param err standard error
     * @param environment the environment variables
     * @param home the distribution directory, or {@code null}
     * @return an invocation for the user this process runs as, without a terminal
     */
    public static Invocation of(PrintWriter out, PrintWriter err, Map<String, String> environment, Path home) {
        return of(out, err, environment, home, false);
    }

    private static <T> Supplier<T> once(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
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
    public Settings settings() {
        return settings.get();
    }

    /** @return the group files along the configured group directories */
    public DefinitionFiles groups() {
        return new DefinitionFiles(settings().groupsPath());
    }

    /**
     * A command line with its macros expanded, and the run's context that knows which arguments came from which
     * macros.
     *
     * @param args the command line with macros expanded
     * @param invocation this run's context, with the macros' origins
     */
    public record Expanded(String[] args, Invocation invocation) {
    }

    /**
     * Expands the macros of a command line.
     *
     * @param args the command line as given
     * @return the command line with macros expanded (unchanged when it mentions none), and this context with the
     *     arguments' origins
     */
    public Expanded expandMacros(String[] args) {
        List<String> argv = List.of(args);
        if (!MacroExpander.mentionsMacros(argv)) {
            return new Expanded(args, this);
        }
        List<MacroExpander.Argument> expanded = new MacroExpander(new DefinitionFiles(settings().macrosPath()))
                .expand(argv);
        String[] result = new String[expanded.size()];
        Map<String, List<String>> origins = new IdentityHashMap<>();
        for (int i = 0; i < result.length; i++) {
            // a new String per argument: the origins are found again by identity after picocli parsed them
            result[i] = new String(expanded.get(i).text());
            origins.put(result[i], expanded.get(i).origin());
        }
        return new Expanded(result, new Invocation(out, err, environment, home, currentUser, root, interactive,
                Collections.unmodifiableMap(origins), cancellation, settings));
    }

    /**
     * @param argument an argument as picocli handed it over
     * @return the macros it came from, outermost first; empty for an argument written directly
     */
    public List<String> macroOrigin(String argument) {
        return macroOrigins.getOrDefault(argument, List.of());
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

    /**
     * @param sessionType the session type a command needs
     * @return the registry for it: core's own type alone when it is that one (no plugin jar is opened, which
     *         saves PF4J's start-up), otherwise the plugins that may serve it (see {@link PluginRegistry})
     */
    public PluginRegistry loadPluginsFor(String sessionType) {
        if (CliSession.TYPE.equalsIgnoreCase(sessionType)) {
            return PluginRegistry.load(List.of(new CliSession()), List.of(), currentUser, ApiVersion.current());
        }
        return PluginRegistry.load(List.of(new CliSession()), pluginDirectories(), currentUser,
                ApiVersion.current(), sessionType);
    }

    /** @return every plugin found in {@link #pluginDirectories()} */
    public PluginRegistry loadPlugins() {
        return PluginRegistry.load(List.of(new CliSession()), pluginDirectories(), currentUser,
                ApiVersion.current());
    }

    /**
     * @param sshConfig an ssh configuration named on the command line ({@code --ssh-config}), beating all others,
     *     or {@code null}
     * @param multiplex whether ssh connections share a master (see {@link Connections})
     * @return new connections for one command; the caller closes them
     */
    public Connections connections(Path sshConfig, boolean multiplex) {
        return new Connections(settings(), sshConfig, multiplex, PROCESSES, currentUser, root);
    }

    /** @return the name of the user running ctys, who owns the local host's targets */
    public String currentUser() {
        return currentUser;
    }

    /**
     * @param name a setting, e.g. {@code CTYS_SOCKBASE}
     * @return its value from the environment of this run, else core's default for it, else empty
     */
    public java.util.Optional<String> setting(String name) {
        return java.util.Optional.ofNullable(environment.get(name)).filter(v -> !v.isEmpty())
                .or(() -> java.util.Optional.ofNullable(SETTING_DEFAULTS.get(name)));
    }

    /** @return whether standard error is a terminal */
    public boolean interactive() {
        return interactive;
    }

    /** @return the run's cancellation: what Ctrl-C stops */
    public Cancellation cancellation() {
        return cancellation;
    }
}
