package org.ctys.core.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFinder;
import org.pf4j.Plugin;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginFactory;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;
import org.pf4j.ServiceProviderExtensionFinder;

/**
 * PF4J's manager, changed where ctys needs it: extensions are found only through {@code META-INF/services}
 * (plugins need no PF4J annotation or class), a plugin without a {@code Plugin-Class} gets a plain one, and a jar
 * that cannot be loaded (a duplicate id, a bad descriptor) is recorded instead of only logged.
 */
final class CtysPluginManager extends DefaultPluginManager {

    /**
     * A plugin path PF4J refused, with its reason.
     *
     * @param path the jar
     * @param error why
     * @param unresolvedId the plugin's id when it loaded but a plugin it depends on is missing, else {@code null}
     */
    record Failure(Path path, PluginRuntimeException error, String unresolvedId) {
    }

    private final List<Path> candidates;
    private final List<Failure> failures = new ArrayList<>();

    CtysPluginManager(List<Path> roots, List<Path> candidates, String systemVersion) {
        super(roots);
        this.candidates = List.copyOf(candidates);
        setSystemVersion(systemVersion);
        // PF4J's default throws for the whole set when one plugin lacks a dependency: take only that one out
        setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
    }

    @Override
    protected ExtensionFinder createExtensionFinder() {
        ServiceProviderExtensionFinder finder = new ServiceProviderExtensionFinder(this);
        addPluginStateListener(finder);
        return finder;
    }

    @Override
    protected PluginFactory createPluginFactory() {
        return wrapper -> {
            String pluginClass = wrapper.getDescriptor().getPluginClass();
            if (pluginClass == null || pluginClass.isBlank() || pluginClass.equals(Plugin.class.getName())) {
                return new Plugin();
            }
            return super.createPluginFactory().create(wrapper);
        };
    }

    /** Loads exactly the vetted candidates, recording each one PF4J refuses. */
    @Override
    public void loadPlugins() {
        Map<Path, PluginDescriptor> loaded = new LinkedHashMap<>();
        for (Path path : candidates) {
            try {
                loaded.put(path, loadPluginFromPath(path).getDescriptor());
            } catch (PluginRuntimeException e) {
                failures.add(new Failure(path, e, null));
            }
        }
        resolvePlugins();
        loaded.forEach((path, descriptor) -> {
            if (getPlugin(descriptor.getPluginId()) == null) {
                String missing = descriptor.getDependencies().stream().filter(d -> !d.isOptional())
                        .map(d -> d.getPluginId() + (d.getPluginVersionSupport().equals("*") ? ""
                                : " " + d.getPluginVersionSupport()))
                        .collect(Collectors.joining(", "));
                failures.add(new Failure(path, new PluginRuntimeException("needs plugin " + missing + " (its "
                        + "Plugin-Dependencies), which is not installed or not usable; install it beside this jar"),
                        descriptor.getPluginId()));
            }
        });
    }

    List<Failure> failures() {
        return List.copyOf(failures);
    }

    /** @return the plugin that was loaded from {@code path}, or {@code null} */
    PluginWrapper pluginAt(Path path) {
        String id = idForPath(path);
        return id == null ? null : getPlugin(id);
    }
}
