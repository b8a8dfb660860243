package org.ctys.core.plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * What a plugin jar's manifest says before any of its code is loaded: its id, the plugins it depends on and, when
 * it declares them, the session types it serves ({@value #SESSION_TYPES}), the services of ctys-api it offers
 * other plugins ({@value #SERVICES}) and those it asks other plugins for ({@value #USES}). A command for one session
 * type loads only the jars that declare it, those that declare no session type (they might serve it), the jars
 * offering a service that one of those may ask for, and what all of them depend on. A jar that does not declare
 * what it uses may ask for any service; {@value #NONE} declares that it asks for none.
 *
 * @param jar the plugin jar
 * @param id its {@code Plugin-Id}, or {@code null}
 * @param types the session types it declares, upper case; empty when it declares none
 * @param services the service interfaces it declares, by class name
 * @param uses the service interfaces it asks other plugins for, by class name, or {@code null} when it does not
 *             say (then it may ask for any)
 * @param dependencies the ids of its {@code Plugin-Dependencies}
 */
record PluginManifest(Path jar, String id, Set<String> types, Set<String> services, Set<String> uses,
                      List<String> dependencies) {

    /** The manifest attribute with the session types a plugin serves, separated by commas. */
    static final String SESSION_TYPES = "Ctys-Session-Types";
    /** The manifest attribute with the ctys-api service interfaces a plugin offers, separated by commas. */
    static final String SERVICES = "Ctys-Services";
    /** The manifest attribute with the ctys-api service interfaces a plugin asks others for, separated by commas. */
    static final String USES = "Ctys-Uses";
    /** The value of {@value #USES} for a plugin that asks others for no service. */
    static final String NONE = "none";

    PluginManifest {
        types = Set.copyOf(types);
        services = Set.copyOf(services);
        uses = uses == null ? null : Set.copyOf(uses);
        dependencies = List.copyOf(dependencies);
    }

    /** @return the manifest of {@code jar}; an unreadable one declares nothing, and PF4J reports it on loading */
    static PluginManifest of(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
            return new PluginManifest(jar, main.getValue("Plugin-Id"), words(main.getValue(SESSION_TYPES)).stream()
                    .map(t -> t.toUpperCase(Locale.ROOT)).collect(Collectors.toSet()),
                    Set.copyOf(words(main.getValue(SERVICES))), uses(main.getValue(USES)),
                    words(main.getValue("Plugin-Dependencies")).stream().map(d -> d.replaceAll("[@?].*", ""))
                            .toList());
        } catch (IOException e) {
            return new PluginManifest(jar, null, Set.of(), Set.of(), null, List.of());
        }
    }

    private static Set<String> uses(String value) {
        if (value == null) {
            return null;
        }
        Set<String> uses = new java.util.HashSet<>(words(value));
        uses.remove(NONE);
        return uses;
    }

    /** @return whether this jar's code may ask for a service that {@code provider} offers */
    private boolean mayUse(PluginManifest provider) {
        return uses == null ? !provider.services().isEmpty() : provider.services().stream().anyMatch(uses::contains);
    }

    private static List<String> words(String value) {
        return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::strip)
                .filter(w -> !w.isEmpty()).toList();
    }

    /**
     * @param found the manifests of the jars found, in load order
     * @param type the session type a command needs, any case
     * @return those to load for it, in the same order: the jars that declare it or declare no session type, the
     *         jars offering services these may ask for, and the jars of the plugins they depend on
     */
    static List<PluginManifest> needed(List<PluginManifest> found, String type) {
        // by identity: a record's equals and hashCode are bootstrapped on first use, ~10 ms of every start
        Set<PluginManifest> chosen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<PluginManifest> todo = new ArrayDeque<>();
        for (PluginManifest manifest : found) {
            if (manifest.types().isEmpty() || manifest.types().contains(type.toUpperCase(Locale.ROOT))) {
                todo.add(manifest);
            }
        }
        while (!todo.isEmpty()) {
            PluginManifest manifest = todo.remove();
            if (chosen.add(manifest)) {
                for (String dependency : manifest.dependencies()) {
                    found.stream().filter(m -> dependency.equals(m.id())).forEach(todo::add);
                }
                found.stream().filter(manifest::mayUse).forEach(todo::add);
            }
        }
        return found.stream().filter(chosen::contains).toList();
    }
}
