package org.ctys.core.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFinder;
import org.pf4j.Plugin;
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

    /** A plugin path PF4J refused, with its reason. */
    record Failure(Path path, PluginRuntimeException error) {
    }

    private final List<Path> candidates;
    private final List<Failure> failures = new ArrayList<>();

    CtysPluginManager(List<Path> roots, List<Path> candidates, String systemVersion) {
        super(roots);
        this.candidates = List.copyOf(candidates);
        setSystemVersion(systemVersion);
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
        for (Path path : candidates) {
            try {
                loadPluginFromPath(path);
            } catch (PluginRuntimeException e) {
                failures.add(new Failure(path, e));
            }
        }
        resolvePlugins();
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
