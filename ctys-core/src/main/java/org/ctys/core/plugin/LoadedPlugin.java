package org.ctys.core.plugin;

import java.nio.file.Path;
import java.util.List;
import org.ctys.spi.CtysPlugin;

/**
 * One plugin jar as ctys sees it: loaded and usable, or refused with the reason.
 *
 * @param id the plugin id from its descriptor, or the file name when it has none
 * @param version the plugin version, or {@code ""} when unknown
 * @param location the jar or directory
 * @param state {@code STARTED} when usable; otherwise why not ({@code REFUSED}, {@code FAILED}, {@code DUPLICATE})
 * @param problem what is wrong and how to fix it, or {@code ""} for a usable plugin
 * @param extensions the plugin's implementations of the SPI (empty unless usable)
 * @param classLoader the class loader of its classes, {@code null} when it was not loaded
 */
public record LoadedPlugin(String id, String version, Path location, String state, String problem,
                           List<CtysPlugin> extensions, ClassLoader classLoader) {

    /** Copies. */
    public LoadedPlugin {
        extensions = List.copyOf(extensions);
    }

    /** @return whether the plugin can serve requests */
    public boolean usable() {
        return problem.isEmpty() && !extensions.isEmpty();
    }

    /** @return the session types of all of its extensions, sorted */
    public List<String> sessionTypes() {
        return extensions.stream().flatMap(e -> e.sessionTypes().stream()).sorted().toList();
    }

    /** @return the plugins' own objects behind the vetted extensions, which may offer services */
    public List<Object> services() {
        return extensions.stream().map(e -> e instanceof VettedPlugin v ? (Object) v.delegate() : e).toList();
    }

    static LoadedPlugin refused(String id, Path location, String state, String problem) {
        return new LoadedPlugin(id, "", location, state, problem, List.of(), null);
    }
}
