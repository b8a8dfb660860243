package org.ctys.core;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.ctys.addressing.MacroExpander;
import org.ctys.api.Target;
import org.ctys.api.exec.CommandRunner;
import org.ctys.core.config.DefinitionFiles;
import org.ctys.core.config.Settings;
import org.ctys.core.config.SettingsLoader;
import org.ctys.core.exec.Escalation;
import org.ctys.core.exec.ProcessEnvironment;
import org.ctys.core.exec.SshSessions;
import org.ctys.core.exec.TargetCommandRunner;
import org.ctys.core.exec.Transport;
import org.ctys.core.plugin.PluginRegistry;
import org.ctys.core.session.CliSession;
import org.ctys.spi.ApiVersion;

/**
 * One run of ctys: where it prints, the environment and settings it reads, where it is installed. Tests build one
 * with their own writers and environment instead of the process's.
 */
public final class Invocation implements AutoCloseable {

    /** The defaults of the settings core defines, which plugins read through their context. */
    private static final Map<String, String> SETTING_DEFAULTS = Map.of(org.ctys.spi.PluginContext.SOCKET_BASE,
            org.ctys.spi.PluginContext.DEFAULT_SOCKET_BASE);

    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, String> environment;
    private final Path home;
    private final String currentUser;
    private final boolean root;
    private Settings settings;
    private Map<String, List<String>> macroOrigins = new IdentityHashMap<>();
    private Path sshConfigOverride;
    private SshSessions sessions;
    private boolean multiplex = true;
    private final List<Runnable> onCancel = new ArrayList<>();
    private volatile boolean cancelled;
    private boolean interactive;
    private ProcessEnvironment processes = ProcessEnvironment.INHERITED;

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
            settings = SettingsLoader.load(environment, processes::resolve);
        }
        return settings;
    }

    /** @return the group files along the configured group directories */
    public DefinitionFiles groups() {
        return new DefinitionFiles(settings().groupsPath());
    }

    /**
     * Expands the macros of a command line and remembers which arguments came from which macros.
     *
     * @param args the command line as given
     * @return the command line with macros expanded; unchanged when it mentions none
     */
    public String[] expandMacros(String[] args) {
        List<String> argv = List.of(args);
        if (!MacroExpander.mentionsMacros(argv)) {
            return args;
        }
        List<MacroExpander.Argument> expanded = new MacroExpander(new DefinitionFiles(settings().macrosPath()))
                .expand(argv);
        String[] result = new String[expanded.size()];
        for (int i = 0; i < result.length; i++) {
            // a new String per argument: the origins are found again by identity after picocli parsed them
            result[i] = new String(expanded.get(i).text());
            macroOrigins.put(result[i], expanded.get(i).origin());
        }
        return result;
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
     * @return the registry for it: the built-in types alone when it is one of them (no plugin jar is opened, which
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

    /** @param file an ssh configuration named on the command line ({@code --ssh-config}), beating all others */
    public void useSshConfig(Path file) {
        this.sshConfigOverride = processes.resolve(file.toString());
    }

    /**
     * @param target a target
     * @param deadline when its work must end, or {@code null}
     * @param escalation how root commands become root when the target's own {@code -Z} does not say
     * @param dryRun receives each command line instead of running it, or {@code null} to run
     * @return the runner for it: on this machine for the local host, over ssh otherwise
     */
    public CommandRunner runnerFor(Target target, java.time.Instant deadline, Escalation escalation,
                                   java.util.function.Consumer<org.ctys.core.exec.PlannedCommand> dryRun) {
        String own = target.options().contains("-Z") && target.options().indexOf("-Z") + 1 < target.options().size()
                ? target.options().get(target.options().indexOf("-Z") + 1) : null;
        Escalation effective = own != null ? Escalation.parse(own) : escalation;
        return new TargetCommandRunner(target, transportFor(target), effective, deadline, dryRun, root);
    }

    /** @return the name of the user running ctys, who owns the local host's targets */
    public String currentUser() {
        return currentUser;
    }

    /**
     * @param target a target
     * @return how commands and socket connections reach it: directly for the local host, over ssh otherwise
     */
    public Transport transportFor(Target target) {
        return target.isLocal(currentUser) ? Transport.local(processes)
                : sessions().to(target.user(), target.host(), target.port());
    }

    /**
     * @param name a setting, e.g. {@code CTYS_SOCKBASE}
     * @return its value from the environment of this run, else core's default for it, else empty
     */
    public java.util.Optional<String> setting(String name) {
        return java.util.Optional.ofNullable(environment.get(name)).filter(v -> !v.isEmpty())
                .or(() -> java.util.Optional.ofNullable(SETTING_DEFAULTS.get(name)));
    }

    /**
     * Says that this run sends one command to each target and nothing else, so its ssh connections need no
     * multiplexing master: a master costs a fork, a handshake over its control socket and its exit, about 40 ms
     * on a one-host run and 1-2 ms a target (measured against plain ssh on 20 namespace hosts).
     */
    public synchronized void oneCommandPerTarget() {
        if (sessions != null) {
            throw new IllegalStateException("the run's ssh connections are already made");
        }
        multiplex = false;
    }

    private synchronized SshSessions sessions() {
        if (sessions == null) {
            sessions = new SshSessions(sshConfigOverride != null ? sshConfigOverride : settings().sshConfig(),
                    settings().connectTimeout(), multiplex, processes);
        }
        return sessions;
    }

    /** @param terminal whether standard error is a terminal, where progress is shown */
    public void interactive(boolean terminal) {
        this.interactive = terminal;
    }

    /** @return whether standard error is a terminal */
    public boolean interactive() {
        return interactive;
    }

    /** @param action what to do when the run is cancelled (Ctrl-C); runs at once if it already is */
    public synchronized void onCancel(Runnable action) {
        onCancel.add(action);
        if (cancelled) {
            action.run();
        }
    }

    /** Cancels the run: running targets are stopped and reported. */
    public void cancel() {
        List<Runnable> actions;
        synchronized (this) {
            cancelled = true;
            actions = List.copyOf(onCancel);
        }
        actions.forEach(Runnable::run);
    }

    /** @return whether the run was cancelled */
    public boolean cancelled() {
        return cancelled;
    }

    /** Ends what this run opened: the ssh masters and their control directory. */
    @Override
    public synchronized void close() {
        if (sessions != null) {
            sessions.close();
            sessions = null;
        }
    }
}
