package org.ctys.core.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.ctys.spi.ApiVersion;
import org.ctys.spi.CtysPlugin;

/**
 * {@code ctys plugins doctor}: the class-loading and packaging problems PF4J users meet most (anchors §A5 and
 * §C16), found by looking: which class loader gives each plugin each ctys-api class, what a jar bundles that ctys
 * already provides (ctys-api itself, an SLF4J binding, the frameworks), whether its service registration can be
 * found, duplicated jars, and unmet dependencies or required versions. Each finding says how to fix it.
 */
public final class PluginDoctor {

    /** How bad a finding is. */
    public enum Status {
        /** as it should be */
        OK,
        /** works, but fragile */
        WARNING,
        /** the plugin does not work, or not as intended */
        PROBLEM
    }

    /**
     * One finding.
     *
     * @param plugin the plugin id
     * @param check what was checked
     * @param status how it came out
     * @param detail what was found
     * @param fix what to do, empty when nothing
     */
    public record Finding(String plugin, String check, Status status, String detail, String fix) {
    }

    private static final String SERVICES = "META-INF/services/" + CtysPlugin.class.getName();
    /** Libraries ctys provides to every plugin: a plugin's own copy shadows them inside the plugin. */
    private static final Map<String, String> PROVIDED = Map.of("org/slf4j/", "slf4j-api", "org/pf4j/", "PF4J",
            "picocli/", "picocli", "org/yaml/snakeyaml/", "SnakeYAML", "com/fasterxml/jackson/", "Jackson");

    private PluginDoctor() {
    }

    /**
     * @param plugins the plugins found, usable or not
     * @return every finding, plugin by plugin
     */
    public static List<Finding> examine(List<LoadedPlugin> plugins) {
        List<String> apiClasses = apiClasses();
        Map<String, Path> digests = new HashMap<>();
        Map<String, LoadedPlugin> byId = new HashMap<>();
        plugins.forEach(p -> byId.putIfAbsent(p.id(), p));
        List<Finding> findings = new ArrayList<>();
        for (LoadedPlugin plugin : plugins) {
            if (plugin.location().toString().equals(PluginRegistry.BUILT_IN)) {
                continue;
            }
            findings.add(state(plugin));
            if (Files.isRegularFile(plugin.location())) {
                findings.addAll(packaging(plugin, byId));
                duplicate(plugin, digests).ifPresent(findings::add);
            }
            if (plugin.classLoader() != null) {
                findings.add(loaders(plugin, apiClasses));
            }
        }
        return findings;
    }

    private static Finding state(LoadedPlugin plugin) {
        if (plugin.problem().isEmpty()) {
            return new Finding(plugin.id(), "state", Status.OK, plugin.state() + ", version " + plugin.version(), "");
        }
        String fix = switch (plugin.state()) {
            case "DUPLICATE" -> "keep one jar per plugin id";
            case "UNRESOLVED" -> "install the plugin it depends on in the same plugins directory";
            case "DISABLED" -> "build the plugin against this ctys-api (" + ApiVersion.current() + ") or lower its "
                    + "Plugin-Requires";
            case "REFUSED" -> "make the jar and every directory above it owned by you or root, not group/other "
                    + "writable";
            default -> "see the detail; ctys plugins doctor lists the packaging checks below";
        };
        return new Finding(plugin.id(), "state", Status.PROBLEM, plugin.state() + ": " + plugin.problem(), fix);
    }

    private static List<Finding> packaging(LoadedPlugin plugin, Map<String, LoadedPlugin> byId) {
        List<Finding> findings = new ArrayList<>();
        String id = plugin.id();
        try (JarFile jar = new JarFile(plugin.location().toFile())) {
            Set<String> names = new TreeSet<>();
            jar.stream().map(ZipEntry::getName).forEach(names::add);
            long api = names.stream().filter(n -> (n.startsWith("org/ctys/api/") || n.startsWith("org/ctys/spi/"))
                    && n.endsWith(".class")).count();
            findings.add(api == 0 ? new Finding(id, "bundled ctys-api", Status.OK, "none", "")
                    : new Finding(id, "bundled ctys-api", Status.PROBLEM, "the jar holds " + api + " classes of "
                    + "ctys-api: the plugin sees its own CtysPlugin, not ctys's (\"not assignable\", no extensions)",
                    "depend on org.ctys:ctys-api with <scope>provided</scope> and rebuild"));
            if (names.contains("META-INF/services/org.slf4j.spi.SLF4JServiceProvider")
                    || names.contains("org/slf4j/impl/StaticLoggerBinder.class")) {
                findings.add(new Finding(id, "SLF4J binding", Status.PROBLEM, "the jar carries an SLF4J binding; "
                        + "ctys has its own, so logging binds twice or to the plugin's",
                        "give the binding (slf4j-simple, logback, ...) test scope, or remove it"));
            }
            PROVIDED.forEach((prefix, library) -> {
                if (names.stream().anyMatch(n -> n.startsWith(prefix) && n.endsWith(".class"))) {
                    findings.add(new Finding(id, "bundled " + library, Status.WARNING, "the jar bundles " + library
                            + ", which ctys provides; inside the plugin its copy shadows ctys's",
                            "use provided scope for " + library + " (or shade it into your own package)"));
                }
            });
            if (names.stream().anyMatch(n -> n.startsWith("lib/") && n.endsWith(".jar"))) {
                findings.add(new Finding(id, "nested jars", Status.PROBLEM, "jars under lib/ inside a plugin jar are "
                        + "not on its class path", "shade the libraries into the plugin jar"));
            }
            findings.add(registration(id, jar, names));
            String dependencies = jar.getManifest() == null ? null
                    : jar.getManifest().getMainAttributes().getValue("Plugin-Dependencies");
            if (dependencies != null && !dependencies.isBlank()) {
                findings.add(dependencies(id, dependencies, byId));
            }
        } catch (IOException e) {
            findings.add(new Finding(id, "jar", Status.PROBLEM, "cannot read " + plugin.location() + ": "
                    + e.getMessage(), "replace the file with a valid jar"));
        }
        return findings;
    }

    private static Finding dependencies(String id, String declared, Map<String, LoadedPlugin> byId) {
        List<String> unmet = new ArrayList<>();
        for (String dependency : declared.split(",")) {
            String name = dependency.strip().replaceFirst("@.*", "");
            boolean optional = name.endsWith("?");
            LoadedPlugin other = byId.get(optional ? name.substring(0, name.length() - 1) : name);
            if (!optional && (other == null || !other.problem().isEmpty())) {
                unmet.add(name + (other == null ? " (not installed)" : " (" + other.state() + ")"));
            }
        }
        return unmet.isEmpty() ? new Finding(id, "dependencies", Status.OK, declared.strip() + ": loaded; their "
                + "classes come from their own plugin's class loader", "")
                : new Finding(id, "dependencies", Status.PROBLEM, "needs " + String.join(", ", unmet),
                "install the plugins it depends on in the same plugins directory, usable");
    }

    private static Finding registration(String id, JarFile jar, Set<String> names) throws IOException {
        if (!names.contains(SERVICES)) {
            return new Finding(id, "registration", Status.PROBLEM, "no " + SERVICES, "list the class that "
                    + "implements CtysPlugin in " + SERVICES);
        }
        if (!names.contains("META-INF/services/")) {
            return new Finding(id, "registration", Status.PROBLEM, "the jar has no directory entry "
                    + "META-INF/services/, so PF4J's ServiceProviderExtensionFinder finds no extension in it",
                    "build the jar with Maven or the jar tool, which write directory entries");
        }
        try (InputStream in = jar.getInputStream(jar.getEntry(SERVICES))) {
            List<String> classes = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .map(l -> l.replaceFirst("#.*", "").strip()).filter(l -> !l.isEmpty()).toList();
            List<String> missing = classes.stream()
                    .filter(c -> !names.contains(c.replace('.', '/') + ".class")).toList();
            if (classes.isEmpty() || !missing.isEmpty()) {
                return new Finding(id, "registration", Status.PROBLEM, classes.isEmpty() ? SERVICES + " is empty"
                        : SERVICES + " names " + missing + ", not in the jar", "name the fully qualified class "
                        + "that implements CtysPlugin, one per line");
            }
            return new Finding(id, "registration", Status.OK, String.join(", ", classes), "");
        }
    }

    private static java.util.Optional<Finding> duplicate(LoadedPlugin plugin, Map<String, Path> digests) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(plugin.location()));
            Path first = digests.putIfAbsent(HexFormat.of().formatHex(hash), plugin.location());
            return first == null ? java.util.Optional.empty() : java.util.Optional.of(new Finding(plugin.id(),
                    "duplicate jar", Status.PROBLEM, plugin.location() + " is the same file as " + first,
                    "remove one of the two"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every ctys-api class must come from ctys's own loader, or the plugin and ctys speak different types. */
    private static Finding loaders(LoadedPlugin plugin, List<String> apiClasses) {
        ClassLoader core = CtysPlugin.class.getClassLoader();
        List<String> foreign = new ArrayList<>();
        for (String name : apiClasses) {
            try {
                Class<?> seen = Class.forName(name, false, plugin.classLoader());
                if (seen.getClassLoader() != core && !seen.equals(Class.forName(name, false, core))) {
                    foreign.add(name);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                foreign.add(name + " (" + e + ")");
            }
        }
        if (foreign.isEmpty()) {
            return new Finding(plugin.id(), "ctys-api class loader", Status.OK, "all " + apiClasses.size()
                    + " ctys-api classes come from ctys's class loader (" + describe(core) + ")", "");
        }
        return new Finding(plugin.id(), "ctys-api class loader", Status.PROBLEM, foreign.size() + " ctys-api "
                + "classes come from another loader, e.g. " + foreign.get(0) + " from " + describe(plugin.classLoader()),
                "depend on org.ctys:ctys-api with <scope>provided</scope> and rebuild");
    }

    private static String describe(ClassLoader loader) {
        return loader == null ? "bootstrap" : loader.getClass().getSimpleName();
    }

    /** @return the binary names of ctys-api's classes, read from where this ctys loads them */
    static List<String> apiClasses() {
        try {
            Path source = Path.of(ApiVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(source)) {
                try (Stream<Path> files = Files.walk(source)) {
                    return files.map(f -> source.relativize(f).toString()).filter(PluginDoctor::isApiClass)
                            .map(PluginDoctor::binaryName).sorted().toList();
                }
            }
            try (JarFile jar = new JarFile(source.toFile())) {
                return jar.stream().map(ZipEntry::getName).filter(PluginDoctor::isApiClass)
                        .map(PluginDoctor::binaryName).sorted().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isApiClass(String name) {
        return (name.startsWith("org/ctys/api/") || name.startsWith("org/ctys/spi/")) && name.endsWith(".class")
                && !name.endsWith("package-info.class") && !name.startsWith("org/ctys/testkit/");
    }

    private static String binaryName(String entry) {
        return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
    }
}
