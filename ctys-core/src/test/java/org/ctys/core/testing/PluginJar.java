package org.ctys.core.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a throw-away plugin jar from Java source at test time: compiles against the test's class path (which holds
 * ctys-api), writes the PF4J manifest and the {@code META-INF/services} registration.
 */
public final class PluginJar {

    private final Map<String, String> manifest = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> services = new ArrayList<>();
    private final Map<String, String> resources = new LinkedHashMap<>();

    private PluginJar(String id, String version) {
        manifest.put("Plugin-Id", id);
        manifest.put("Plugin-Version", version);
    }

    /** @return a builder for a plugin with this id and version */
    public static PluginJar of(String id, String version) {
        return new PluginJar(id, version);
    }

    /** Adds or overrides a manifest attribute. */
    public PluginJar manifest(String name, String value) {
        manifest.put(name, value);
        return this;
    }

    /** Adds a file to the jar, e.g. {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}. */
    public PluginJar resource(String name, String text) {
        resources.put(name, text);
        return this;
    }

    /** Adds a class from source; {@code registered} lists it in META-INF/services as a CtysPlugin. */
    public PluginJar source(String className, String code, boolean registered) {
        sources.put(className, code);
        if (registered) {
            services.add(className);
        }
        return this;
    }

    /**
     * A one-class plugin: session type {@code type} with one action, whose {@code perform} body is given as Java
     * source (it sees {@code request} and {@code context}); {@code members} adds more methods to the class.
     */
    public static PluginJar plugin(String id, String type, String action, String synopsis, String members,
                                    String perform) {
        return plugin(id, type, action, synopsis, members, perform, "CtysPlugin", "");
    }

    private static PluginJar plugin(String id, String type, String action, String synopsis, String members,
                                     String perform, String interfaces, String declarations) {
        String pkg = "test." + id.replaceAll("[^a-z0-9]", "");
        String code = """
                package %1$s;
                import java.util.*;
                import org.ctys.api.*;
                import org.ctys.api.exec.Command;
                import org.ctys.spi.*;
                public final class TestPlugin implements %7$s {
                    public Set<String> sessionTypes() { return Set.of("%2$s"); }
                    public List<ActionDescriptor> actions() {
                        return List.of(new ActionDescriptor("%3$s", "%4$s", "test action")%8$s);
                    }
                    %5$s
                    public ActionResult perform(ActionRequest request, PluginContext context) {
                        %6$s
                    }
                }
                """.formatted(pkg, type, action, synopsis, members, perform, interfaces, declarations);
        return of(id, "1.0.0").source(pkg + ".TestPlugin", code, true);
    }

    /**
     * A complete plugin: session type {@code type}, one action {@code action} that runs {@code uname -n} on the
     * target and answers with it and the decoded sub-options; one program prerequisite; its own help.
     */
    public static PluginJar simple(String id, String type, String action) {
        return simple(id, type, action, action.toLowerCase(java.util.Locale.ROOT) + "[=k:<v>][,cmd:<command>][,flag]");
    }

    /** The same, declaring the sub-options of {@code synopsis}. */
    public static PluginJar simple(String id, String type, String action, String synopsis) {
        return simple(id, type, action, synopsis, "");
    }

    /** The same, with more members of the plugin class as Java source, e.g. its {@code optionKeys()}. */
    public static PluginJar simple(String id, String type, String action, String synopsis, String members) {
        return plugin(id, type, action, synopsis, """
                public List<Prerequisite> prerequisites() {
                    return List.of(Prerequisite.program("sh", "dash", "runs the probe"));
                }
                public String help() { return "help of %1$s from plugin %2$s"; }
                public record Row(String plugin, String action, String subopts, boolean dryRun, String output) { }
                """.formatted(type, id) + members, """
                var result = context.runner().run(Command.of("uname", "-n"));
                return ActionResult.unchanged("done", List.of(new Row("%1$s", request.action(),
                        request.subOptions().items().toString(), context.dryRun(),
                        "ran on " + result.stdout().strip())));
                """.formatted(id));
    }

    /**
     * A plugin whose action RUN runs {@code cmd:<program args...>} (decoded, split at spaces) as root through the
     * runner, and returns its output: the privilege path end to end.
     */
    public static PluginJar root(String id, String type) {
        return plugin(id, type, "RUN", "run=cmd:<argv>", "public record Row(int exit, String out) { }", """
                var argv = List.of(request.subOptions().value("cmd").orElseThrow().split(" "));
                var result = context.runner().run(Command.of(argv).asRoot());
                return ActionResult.unchanged("exit " + result.exitCode(), List.of(new Row(result.exitCode(),
                        result.stdout().strip())));
                """);
    }

    /** A VM-like plugin that asks the switch service for the login user's switch (action ASK). */
    public static PluginJar switchConsumer(String id, String type) {
        return plugin(id, type, "ASK", "ask", "", """
                var provider = context.service(VirtualSwitchProvider.class)
                        .orElseThrow(() -> new EnvironmentException("no switch provider"));
                return ActionResult.of(provider.endpoint(null, context)
                        .map(e -> e.user() + " " + e.sock() + " " + e.mgmt()).orElse("no switch"));
                """);
    }

    /** A plugin that offers the switch service (its endpoint is always empty) besides its session type. */
    public static PluginJar switchProvider(String id, String type) {
        return plugin(id, type, "GO", "go", """
                public Optional<SwitchEndpoint> endpoint(String user, PluginContext context) {
                    return Optional.empty();
                }
                """, "return ActionResult.of(\"go\");", "CtysPlugin, VirtualSwitchProvider", "");
    }

    /**
     * A plugin whose action {@code action} declares what its sub-options' values must be: {@code declarations} is
     * Java source appended to its {@code ActionDescriptor}, e.g. {@code .checking("n", ValueKind.INTEGER)}.
     */
    public static PluginJar checked(String id, String type, String action, String synopsis, String declarations) {
        return plugin(id, type, action, synopsis, "", "return ActionResult.of(\"ran with \" + request.subOptions()"
                + ".items());", "CtysPlugin", declarations);
    }

    /** Compiles and writes the jar into {@code directory} as {@code <file>}; its sources and classes are removed. */
    public Path writeTo(Path directory, String file) throws IOException {
        Path work = Files.createTempDirectory("plugin-src");
        try {
            return build(work, directory, file);
        } finally {
            try (Stream<Path> walk = Files.walk(work)) {
                for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private Path build(Path work, Path directory, String file) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path path = work.resolve("src").resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(path.getParent());
            Files.writeString(path, source.getValue());
            files.add(path);
        }
        Path classes = Files.createDirectories(work.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), "--release", "17"));
        files.forEach(f -> args.add(f.toString()));
        if (compiler.run(null, null, null, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("plugin source does not compile");
        }
        for (Map.Entry<String, String> resource : resources.entrySet()) {
            Path path = classes.resolve(resource.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, resource.getValue());
        }
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.forEach((name, value) -> mf.getMainAttributes().putValue(name, value));
        Files.createDirectories(directory);
        Path jar = directory.resolve(file);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path path : walk.filter(p -> !p.equals(classes)).sorted().toList()) {
                String name = classes.relativize(path).toString();
                out.putNextEntry(new JarEntry(Files.isDirectory(path) ? name + "/" : name));
                if (Files.isRegularFile(path)) {
                    Files.copy(path, out);
                }
                out.closeEntry();
            }
            if (!services.isEmpty()) {
                // PF4J looks the services up as a directory resource: the jar needs the directory entries
                if (!Files.isDirectory(classes.resolve("META-INF/services"))) {
                    out.putNextEntry(new JarEntry("META-INF/services/"));
                    out.closeEntry();
                }
                out.putNextEntry(new JarEntry("META-INF/services/org.ctys.spi.CtysPlugin"));
                write(out, services.stream().collect(Collectors.joining("\n", "", "\n")));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
