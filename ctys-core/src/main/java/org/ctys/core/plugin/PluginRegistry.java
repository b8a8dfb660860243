package org.ctys.core.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ctys.api.EnvironmentException;
import org.ctys.spi.CtysPlugin;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every plugin jar found in the plugin directories, vetted and loaded through PF4J, and the session types they
 * serve. Nothing is shadowed silently: a refused jar, a duplicate plugin id and a session type claimed twice are
 * all reported.
 */
public final class PluginRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

    /** The location shown for session types compiled into core. */
    public static final String BUILT_IN = "(built into ctys)";

    /** A plugin extension bound to the session type it serves. */
    public record Binding(LoadedPlugin plugin, CtysPlugin extension) {
    }

    private final List<LoadedPlugin> plugins;
    private final List<Path> directories;

    private PluginRegistry(List<LoadedPlugin> plugins, List<Path> directories) {
        this.plugins = List.copyOf(plugins);
        this.directories = List.copyOf(directories);
    }

    /**
     * Loads every {@code *.jar} in the given directories, in directory order and then by file name.
     *
     * @param directories plugin directories; missing ones are skipped
     * @param currentUser the user running ctys, who (or root) must own plugin code
     * @param apiVersion the ctys-api version, checked against each plugin's {@code Plugin-Requires}
     * @return the registry
     */
    public static PluginRegistry load(List<Path> directories, String currentUser, String apiVersion) {
        return load(List.of(), directories, currentUser, apiVersion);
    }

    /**
     * @param builtIns session types compiled into core, listed first with location {@value #BUILT_IN}
     * @param directories plugin directories; missing ones are skipped
     * @param currentUser the user running ctys, who (or root) must own plugin code
     * @param apiVersion the ctys-api version, checked against each plugin's {@code Plugin-Requires}
     * @return the registry
     */
    public static PluginRegistry load(List<CtysPlugin> builtIns, List<Path> directories, String currentUser,
                                      String apiVersion) {
        return load(builtIns, directories, currentUser, apiVersion, null);
    }

    /**
     * The same for a command that needs one session type: of the jars found only those whose manifest declares it,
     * declares no session type or offers a service are loaded, with the plugins they depend on (see
     * {@link PluginManifest}).
     *
     * @param builtIns session types compiled into core, listed first with location {@value #BUILT_IN}
     * @param directories plugin directories; missing ones are skipped
     * @param currentUser the user running ctys, who (or root) must own plugin code
     * @param apiVersion the ctys-api version, checked against each plugin's {@code Plugin-Requires}
     * @param onlyType the session type needed, or {@code null} for every plugin
     * @return the registry
     */
    public static PluginRegistry load(List<CtysPlugin> builtIns, List<Path> directories, String currentUser,
                                      String apiVersion, String onlyType) {
        PluginDirectorySafety safety = new PluginDirectorySafety(currentUser);
        List<LoadedPlugin> result = new ArrayList<>();
        for (CtysPlugin builtIn : builtIns) {
            String id = builtIn.sessionTypes().iterator().next().toLowerCase(Locale.ROOT);
            result.add(new LoadedPlugin(id, apiVersion, Path.of(BUILT_IN), "STARTED", "", List.of(builtIn),
                    builtIn.getClass().getClassLoader()));
        }
        List<Path> roots = new ArrayList<>();
        List<Path> candidates = new ArrayList<>();
        for (Path directory : directories) {
            if (!Files.isDirectory(directory)) {
                continue;
            }
            Optional<String> unsafe = safety.checkDirectory(directory);
            if (unsafe.isPresent()) {
                result.add(LoadedPlugin.refused(directory.getFileName().toString(), directory, "REFUSED",
                        "plugin directory refused: " + unsafe.get()));
                continue;
            }
            roots.add(directory);
            for (Path jar : jarsIn(directory)) {
                Optional<String> unsafeJar = safety.checkEntry(jar);
                if (unsafeJar.isPresent()) {
                    result.add(LoadedPlugin.refused(jar.getFileName().toString(), jar, "REFUSED",
                            "plugin jar refused: " + unsafeJar.get()));
                } else {
                    candidates.add(jar);
                }
            }
        }
        List<PluginManifest> manifests = candidates.stream().map(PluginManifest::of).toList();
        if (onlyType != null) {
            manifests = PluginManifest.needed(manifests, onlyType);
        }
        if (!manifests.isEmpty()) {
            result.addAll(loadWithPf4j(roots, manifests, apiVersion));
        }
        for (LoadedPlugin plugin : result) {
            LOG.info("plugin {} {} {} from {}{}", plugin.id(), plugin.version(), plugin.state(), plugin.location(),
                    plugin.problem().isEmpty() ? "" : ": " + plugin.problem());
        }
        return new PluginRegistry(result, directories);
    }

    private static List<LoadedPlugin> loadWithPf4j(List<Path> roots, List<PluginManifest> manifests,
                                                   String apiVersion) {
        List<Path> candidates = manifests.stream().map(PluginManifest::jar).toList();
        CtysPluginManager manager = new CtysPluginManager(roots, candidates, apiVersion);
        manager.loadPlugins();
        manager.startPlugins();
        Map<Path, CtysPluginManager.Failure> failures = manager.failures().stream()
                .collect(Collectors.toMap(CtysPluginManager.Failure::path, f -> f, (a, b) -> a, LinkedHashMap::new));
        List<LoadedPlugin> result = new ArrayList<>();
        for (PluginManifest manifest : manifests) {
            Path jar = manifest.jar();
            PluginWrapper wrapper = manager.pluginAt(jar);
            if (wrapper == null) {
                result.add(describeFailure(jar, failures.get(jar), manager));
            } else {
                result.add(checkDeclared(manifest, describe(jar, wrapper, manager, apiVersion)));
            }
        }
        return result;
    }

    private static LoadedPlugin describeFailure(Path jar, CtysPluginManager.Failure failure,
                                                CtysPluginManager manager) {
        if (failure != null && failure.unresolvedId() != null) {
            return LoadedPlugin.refused(failure.unresolvedId(), jar, "UNRESOLVED", failure.error().getMessage());
        }
        PluginRuntimeException error = failure == null ? null : failure.error();
        String message = error == null ? "not loaded" : error.getMessage();
        if (error != null && message.startsWith("There is an already loaded plugin")) {
            String id = manager.getPlugins().stream()
                    .filter(p -> message.contains("(" + p.getPluginId() + ")"))
                    .findFirst().map(PluginWrapper::getPluginId).orElse("?");
            Path first = manager.getPlugin(id) == null ? null : manager.getPlugin(id).getPluginPath();
            return LoadedPlugin.refused(id, jar, "DUPLICATE", "duplicate plugin id '" + id + "': already loaded "
                    + "from " + first + "; remove one of the two jars");
        }
        return LoadedPlugin.refused(jar.getFileName().toString(), jar, "FAILED",
                "cannot load " + jar.getFileName() + ": " + message
                        + " (a plugin jar needs Plugin-Id and Plugin-Version in its manifest)");
    }

    private static LoadedPlugin describe(Path jar, PluginWrapper wrapper, CtysPluginManager manager,
                                         String apiVersion) {
        String id = wrapper.getPluginId();
        String version = wrapper.getDescriptor().getVersion();
        if (wrapper.getPluginState() != PluginState.STARTED) {
            String requires = wrapper.getDescriptor().getRequires();
            String reason = wrapper.getPluginState() != PluginState.DISABLED || requires == null
                    || requires.equals("*") ? "plugin is " + wrapper.getPluginState() + failedCause(wrapper)
                    : !manager.admitsBySemver(requires) ? "needs ctys-api " + requires + ", this ctys has "
                    + apiVersion : "built for ctys-api " + ApiLine.builtFor(requires).orElseThrow() + " ("
                    + requires + "); this ctys has " + apiVersion + ", whose API changed: rebuild the plugin "
                    + "against ctys-api " + ApiLine.of(apiVersion);
            return new LoadedPlugin(id, version, jar, wrapper.getPluginState().toString(), reason, List.of(),
                    wrapper.getPluginClassLoader());
        }
        try {
            List<CtysPlugin> extensions = manager.getExtensions(CtysPlugin.class, id);
            if (extensions.isEmpty()) {
                return new LoadedPlugin(id, version, jar, "FAILED", "no usable extension: the jar needs "
                        + "META-INF/services/" + CtysPlugin.class.getName() + " naming a class that implements it, "
                        + "and must not bundle its own copy of ctys-api (depend on it in provided scope)",
                        List.of(), wrapper.getPluginClassLoader());
            }
            List<CtysPlugin> vetted = new ArrayList<>();
            for (CtysPlugin extension : extensions) {
                try {
                    vetted.add(VettedPlugin.of(id, extension));
                } catch (IllegalArgumentException e) {
                    return new LoadedPlugin(id, version, jar, "FAILED", extension.getClass().getName() + ": "
                            + e.getMessage(), List.of(), wrapper.getPluginClassLoader());
                }
            }
            return new LoadedPlugin(id, version, jar, "STARTED", "", vetted, wrapper.getPluginClassLoader());
        } catch (RuntimeException | LinkageError e) {
            return new LoadedPlugin(id, version, jar, "FAILED", "its extension cannot be created: " + e, List.of(),
                    wrapper.getPluginClassLoader());
        }
    }

    /**
     * A plugin that declares session types must serve exactly those and declare every service it offers: commands
     * load plugins by what they declare.
     */
    private static LoadedPlugin checkDeclared(PluginManifest manifest, LoadedPlugin plugin) {
        if (!plugin.usable() || manifest.types().isEmpty()) {
            return plugin;
        }
        Set<String> served = plugin.extensions().stream().flatMap(e -> e.sessionTypes().stream())
                .map(t -> t.toUpperCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));
        Set<String> offered = new TreeSet<>();
        plugin.services().forEach(service -> offered.addAll(apiServices(service.getClass())));
        String problem = !served.equals(manifest.types()) ? "its manifest declares the session types "
                + new TreeSet<>(manifest.types()) + " (" + PluginManifest.SESSION_TYPES + "), its code serves "
                + served : !offered.equals(manifest.services()) ? "its manifest declares the services "
                + new TreeSet<>(manifest.services()) + " (" + PluginManifest.SERVICES + "), its code offers "
                + offered : null;
        return problem == null ? plugin : new LoadedPlugin(plugin.id(), plugin.version(), plugin.location(),
                "FAILED", problem + "; make them the same", List.of(), plugin.classLoader());
    }

    /** @return the interfaces of ctys-api that {@code type} implements, other than {@link CtysPlugin} itself */
    private static Set<String> apiServices(Class<?> type) {
        Set<String> names = new TreeSet<>();
        java.util.Deque<Class<?>> todo = new java.util.ArrayDeque<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            todo.addAll(List.of(c.getInterfaces()));
        }
        while (!todo.isEmpty()) {
            Class<?> candidate = todo.remove();
            if (candidate != CtysPlugin.class && candidate.getPackageName().startsWith("org.ctys.")
                    && candidate.getClassLoader() == CtysPlugin.class.getClassLoader()) {
                names.add(candidate.getName());
            }
            todo.addAll(List.of(candidate.getInterfaces()));
        }
        return names;
    }

    private static String failedCause(PluginWrapper wrapper) {
        Throwable cause = wrapper.getFailedException();
        return cause == null ? "" : ": " + cause.getMessage();
    }

    private static List<Path> jarsIn(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new EnvironmentException("cannot list plugin directory " + directory + ": " + e.getMessage(), e);
        }
    }

    /** @return every plugin jar found, usable or not, in load order */
    public List<LoadedPlugin> plugins() {
        return plugins;
    }

    /** @return the directories searched, in order */
    public List<Path> directories() {
        return directories;
    }

    /** @return the usable session types, sorted, each with the plugins that claim it */
    public Map<String, List<Binding>> sessionTypes() {
        Map<String, List<Binding>> types = new java.util.TreeMap<>();
        for (LoadedPlugin plugin : plugins) {
            if (!plugin.usable()) {
                continue;
            }
            for (CtysPlugin extension : plugin.extensions()) {
                for (String type : extension.sessionTypes()) {
                    types.computeIfAbsent(type.toUpperCase(Locale.ROOT), t -> new ArrayList<>())
                            .add(new Binding(plugin, extension));
                }
            }
        }
        return types;
    }

    /**
     * @param type a session type, any case
     * @return the one plugin serving it, or empty when none does
     * @throws EnvironmentException when two plugins claim it
     */
    public Optional<Binding> forType(String type) {
        List<Binding> bindings = sessionTypes().getOrDefault(type.toUpperCase(Locale.ROOT), List.of());
        if (bindings.size() > 1) {
            throw new EnvironmentException("session type " + type.toUpperCase(Locale.ROOT)
                    + " is claimed by several plugins: " + bindings.stream()
                    .map(b -> b.plugin().id() + " (" + b.plugin().location() + ")")
                    .collect(Collectors.joining(", ")) + "; remove all but one");
        }
        return bindings.stream().findFirst();
    }

    /** @return the plugins that are not usable, with their problems */
    public List<LoadedPlugin> problems() {
        return plugins.stream().filter(p -> !p.usable()).toList();
    }
}
