package org.ctys.core.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import org.pf4j.CompoundPluginDescriptorFinder;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFinder;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.Plugin;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;
import org.pf4j.PropertiesPluginDescriptorFinder;
import org.pf4j.ServiceProviderExtensionFinder;
import org.pf4j.processor.ExtensionStorage;

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

    private static final String SERVICES = "META-INF/services/";

    private final List<Path> candidates;
    private final List<Failure> failures = new ArrayList<>();

    CtysPluginManager(List<Path> roots, List<Path> candidates, String systemVersion) {
        super(roots);
        this.candidates = List.copyOf(candidates);
        setSystemVersion(systemVersion);
        // PF4J's default throws for the whole set when one plugin lacks a dependency: take only that one out
        setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
    }

    /** @return whether PF4J's own check admits a plugin that states {@code requires}, a bare version as "at least" */
    boolean admitsBySemver(String requires) {
        String constraint = requires.strip().matches("\\d+\\.\\d+\\.\\d+") ? ">=" + requires.strip() : requires;
        return getVersionManager().checkVersionConstraint(getSystemVersion(), constraint);
    }

    /** PF4J's check of {@code Plugin-Requires}, and the plugin was built for this API's line. */
    @Override
    protected boolean isPluginValid(PluginWrapper plugin) {
        return super.isPluginValid(plugin) && ApiLine.admits(getSystemVersion(), plugin.getDescriptor().getRequires());
    }

    @Override
    protected ExtensionFinder createExtensionFinder() {
        ServiceProviderExtensionFinder finder = new JarServiceFinder(this);
        addPluginStateListener(finder);
        return finder;
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new CompoundPluginDescriptorFinder().add(new JarPropertiesFinder())
                .add(new ManifestPluginDescriptorFinder());
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

    /**
     * PF4J's service-file finder, reading each plugin jar's {@code META-INF/services} with the JDK's
     * {@link JarFile}. PF4J opens a zip file system per jar for it (and one for every jar of the class path that has
     * service files), which with the descriptor's zip file system below took 15-35 ms of a plugin command's start
     * here; ctys asks for extensions only by plugin id, so the class path's service files are never looked at.
     */
    private static final class JarServiceFinder extends ServiceProviderExtensionFinder {

        JarServiceFinder(CtysPluginManager manager) {
            super(manager);
            // PF4J turns this on as soon as any plugin has an optional dependency, and then reads every extension
            // class with ASM, which ctys does not ship: every plugin lost its extensions. ctys has no
            // per-extension plugin dependencies (@Extension(plugins = ...)) to check
            setCheckForExtensionDependencies(false);
        }

        @Override
        public Map<String, Set<String>> readClasspathStorages() {
            return Map.of();
        }

        @Override
        public Map<String, Set<String>> readPluginsStorages() {
            Map<String, Set<String>> result = new LinkedHashMap<>();
            for (PluginWrapper plugin : pluginManager.getPlugins()) {
                Set<String> bucket = new HashSet<>();
                try (JarFile jar = new JarFile(plugin.getPluginPath().toFile())) {
                    for (JarEntry entry : Collections.list(jar.entries())) {
                        if (!entry.isDirectory() && entry.getName().startsWith(SERVICES)
                                && entry.getName().indexOf('/', SERVICES.length()) < 0) {
                            ExtensionStorage.read(new InputStreamReader(jar.getInputStream(entry),
                                    StandardCharsets.UTF_8), bucket);
                        }
                    }
                } catch (IOException e) {
                    throw new PluginRuntimeException(e, "cannot read the service files of {}",
                            plugin.getPluginPath());
                }
                result.put(plugin.getPluginId(), bucket);
            }
            return result;
        }
    }

    /** PF4J's {@code plugin.properties} finder, reading the jar with {@link JarFile} instead of a zip file system. */
    private static final class JarPropertiesFinder extends PropertiesPluginDescriptorFinder {

        @Override
        protected Properties readProperties(Path pluginPath) {
            if (Files.isDirectory(pluginPath)) {
                return super.readProperties(pluginPath);
            }
            try (JarFile jar = new JarFile(pluginPath.toFile())) {
                ZipEntry entry = jar.getEntry(propertiesFileName);
                if (entry == null) {
                    throw new PluginRuntimeException("Cannot find '{}' in {}", propertiesFileName, pluginPath);
                }
                Properties properties = new Properties();
                try (InputStream input = jar.getInputStream(entry)) {
                    properties.load(input);
                }
                return properties;
            } catch (IOException e) {
                throw new PluginRuntimeException(e);
            }
        }
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
