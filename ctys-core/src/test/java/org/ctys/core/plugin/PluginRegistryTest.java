package org.ctys.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import org.ctys.core.testing.CtysRun;
import org.ctys.core.testing.PluginJar;
import org.ctys.spi.ApiVersion;
import org.ctys.spi.VirtualSwitchProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {

    @TempDir
    Path plugins;

    @Test
    void dispatchesToAPluginDroppedIntoTheDirectory() throws Exception {
        PluginJar.simple("hello", "HELLO", "GREET").writeTo(plugins, "hello.jar");
        CtysRun run = CtysRun.ctys(plugins, "-t", "hello", "-a", "greet=k:a%b,flag", "-X");
        assertEquals(0, run.code(), run.err());
        assertEquals("localhost;hello;GREET;[SubOption[key=k, value=a b], SubOption[key=flag, value=null]];false;"
                + "ran on " + java.nio.file.Files.readString(Path.of("/proc/sys/kernel/hostname")), run.out());
    }

    @Test
    void aPluginThatThrowsOrReturnsGarbageFailsItsTargetWithItsNameAndBreaksNothingElse() throws Exception {
        PluginJar.plugin("thrower", "THROW", "GO", "go", "", "throw new IllegalStateException(\"boom\");")
                .writeTo(plugins, "thrower.jar");
        PluginJar.plugin("garbage", "GARBAGE", "GO", "go", "public record Row(Object thread) { }",
                "return ActionResult.unchanged(\"x\", List.of(new Row(new Object())));")
                .writeTo(plugins, "garbage.jar");
        PluginJar.plugin("nothing", "NOTHING", "GO", "go", "", "return null;").writeTo(plugins, "nothing.jar");
        PluginJar.simple("hello", "HELLO", "GREET").writeTo(plugins, "hello.jar");
        CtysRun thrower = CtysRun.ctys(plugins, "-t", "THROW", "-a", "go");
        assertEquals("ctys: localhost: plugin: plugin thrower failed: java.lang.IllegalStateException: boom\n",
                thrower.err());
        CtysRun garbage = CtysRun.ctys(plugins, "-t", "GARBAGE", "-a", "go", "--json");
        assertTrue(garbage.out().contains("plugin garbage failed: java.lang.IllegalArgumentException: "),
                garbage.out());
        assertTrue(garbage.out().contains("TestPlugin$Row holds java.lang.Object in column 'thread'; "
                + "expected text, numbers, booleans or lists of them"), garbage.out());
        CtysRun nothing = CtysRun.ctys(plugins, "-t", "NOTHING", "-a", "go");
        assertEquals("ctys: localhost: plugin: plugin nothing failed: returned no result for GO\n", nothing.err());
        assertEquals(3, nothing.code());
        assertEquals(0, CtysRun.ctys(plugins, "-t", "HELLO", "-a", "greet").code(), "other plugins go on");
    }

    @Test
    void aPluginWhoseDeclarationsThrowOrAreGarbageIsRefusedWithTheReason() throws Exception {
        PluginJar.plugin("liar", "LIAR", "GO", "go", "public List<Prerequisite> prerequisites() { return null; }",
                "return ActionResult.of(\"x\");").writeTo(plugins, "liar.jar");
        PluginJar.plugin("lower", "lower", "GO", "go", "", "return ActionResult.of(\"x\");")
                .writeTo(plugins, "lower.jar");
        PluginJar.plugin("boom", "BOOM", "GO", "go",
                "public String help() { throw new UnsupportedOperationException(\"no help\"); }",
                "return ActionResult.of(\"x\");").writeTo(plugins, "boom.jar");
        PluginJar.plugin("vague", "VAGUE", "GO", "go[=x:<y>", "", "return ActionResult.of(\"x\");")
                .writeTo(plugins, "vague.jar");
        PluginJar.simple("hello", "HELLO", "GREET").writeTo(plugins, "hello.jar");
        CtysRun run = CtysRun.ctys(plugins, "plugins", "-X");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("FAILED;" + plugins.resolve("liar.jar") + ";test.liar.TestPlugin: "
                + "prerequisites() returned null"), run.out());
        assertTrue(run.out().contains(";test.lower.TestPlugin: session type 'lower' is not valid; expected "
                + "upper-case letters"), run.out());
        assertTrue(run.out().contains(";test.boom.TestPlugin: help() threw java.lang.UnsupportedOperationException: "
                + "no help"), run.out());
        assertTrue(run.out().contains(";test.vague.TestPlugin: actions() threw java.lang.IllegalArgumentException: "
                + "synopsis 'go[=x:<y>' cannot be read: unbalanced '['"), run.out());
        assertTrue(run.out().contains("hello;1.0.0;HELLO;greet;STARTED;"), run.out());
        assertEquals(0, CtysRun.ctys(plugins, "-H", "HELLO").code());
    }

    @Test
    void aPluginThatHangsPastTheDeadlineFailsThatTargetOnly() throws Exception {
        PluginJar.plugin("hang", "HANG", "GO", "go", "public record Row(String answered) { }", """
                if (context.target().user() == null) {
                    while (true) {
                        Thread.onSpinWait();
                    }
                }
                return ActionResult.unchanged("x", List.of(new Row("yes")));
                """).writeTo(plugins, "hang.jar");
        CtysRun run = CtysRun.ctys(plugins, "-t", "HANG", "-a", "go", "--timeout", "1", "-X", "localhost",
                System.getProperty("user.name") + "@localhost");
        assertEquals(3, run.code(), run.err());
        assertTrue(run.err().contains("ctys: localhost: timeout: plugin hang did not return within the deadline of "
                + "1 s; the target was abandoned"), run.err());
        assertTrue(run.out().contains("@localhost;yes"), run.out());
    }

    @Test
    void listsPluginsWithTypesActionsStateAndLocation() throws Exception {
        Path jar = PluginJar.simple("hello", "HELLO", "GREET").writeTo(plugins, "hello.jar");
        CtysRun run = CtysRun.ctys(plugins, "plugins", "-X");
        assertEquals("cli;" + ApiVersion.current() + ";CLI;create;STARTED;(built into ctys);\nhello;1.0.0;HELLO;greet;STARTED;"
                + jar + ";\n", run.out());
    }

    @Test
    void reportsADuplicatePluginIdInsteadOfShadowingIt() throws Exception {
        PluginJar.simple("hello", "HELLO", "GREET").writeTo(plugins, "a.jar");
        Path second = PluginJar.simple("hello", "HELLO2", "GREET").writeTo(plugins, "b.jar");
        PluginRegistry registry = load();
        LoadedPlugin duplicate = registry.plugins().get(1);
        assertEquals("DUPLICATE", duplicate.state());
        assertEquals(second, duplicate.location());
        assertTrue(duplicate.problem().contains("duplicate plugin id 'hello'"), duplicate.problem());
        assertEquals(List.of("HELLO"), List.copyOf(registry.sessionTypes().keySet()));
    }

    @Test
    void refusesASessionTypeClaimedByTwoPlugins() throws Exception {
        PluginJar.simple("one", "TWICE", "GO").writeTo(plugins, "one.jar");
        PluginJar.simple("two", "TWICE", "GO").writeTo(plugins, "two.jar");
        CtysRun run = CtysRun.ctys(plugins, "-t", "TWICE", "-a", "go");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("session type TWICE is claimed by several plugins: one ("), run.err());
        assertTrue(run.err().contains("two ("), run.err());
    }

    @Test
    void refusesAGroupWritableDirectory() throws Exception {
        PluginJar.simple("hello", "HELLO", "GREET").writeTo(plugins, "hello.jar");
        Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("rwxrwxr-x"));
        CtysRun run = CtysRun.ctys(plugins, "-t", "hello", "-a", "greet");
        assertEquals(2, run.code(), "its plugin is there but refused: a missing environment element");
        assertTrue(run.err().contains("no usable plugin for session type HELLO"), run.err());
        assertTrue(run.err().contains("plugin directory refused: " + plugins + " is writable by other users "
                + "(mode rwxrwxr-x); fix: chmod go-w " + plugins), run.err());
    }

    @Test
    void refusesAWorldWritableJarAndLoadsTheRest() throws Exception {
        Path bad = PluginJar.simple("bad", "BAD", "GO").writeTo(plugins, "bad.jar");
        PluginJar.simple("good", "GOOD", "GO").writeTo(plugins, "good.jar");
        Files.setPosixFilePermissions(bad, PosixFilePermissions.fromString("rw-rw-rw-"));
        PluginRegistry registry = load();
        assertEquals("REFUSED", registry.plugins().get(0).state());
        assertTrue(registry.plugins().get(0).problem().startsWith("plugin jar refused: " + bad
                + " is writable by other users"));
        assertEquals(List.of("GOOD"), List.copyOf(registry.sessionTypes().keySet()));
        CtysRun run = CtysRun.ctys(plugins, "-t", "good", "-a", "go");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().startsWith("ctys: warning: plugin jar refused: " + bad), run.err());
    }

    @Test
    void refusesAJarOwnedBySomeoneElse() throws Exception {
        Path jar = PluginJar.simple("hello", "HELLO", "GREET").writeTo(plugins, "hello.jar");
        UserPrincipal nobody = plugins.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(jar, nobody);
        LoadedPlugin refused = PluginRegistry.load(List.of(plugins), "someone", "0.1.0").plugins().get(0);
        assertTrue(refused.problem().contains(jar + " is owned by nobody, not by someone or root"),
                refused.problem());
    }

    @Test
    void disablesAPluginThatNeedsANewerApi() throws Exception {
        PluginJar.simple("future", "FUTURE", "GO").manifest("Plugin-Requires", ">=99.0.0")
                .writeTo(plugins, "future.jar");
        LoadedPlugin plugin = load().plugins().get(0);
        assertEquals("DISABLED", plugin.state());
        assertEquals("needs ctys-api >=99.0.0, this ctys has 0.1.0", plugin.problem());
    }

    @Test
    void disablesAPluginBuiltForAnEarlierMinorApiBeforeOnePointZero() throws Exception {
        PluginJar.simple("old", "OLD", "GO").manifest("Plugin-Requires", ">=0.1.0").writeTo(plugins, "old.jar");
        PluginJar.simple("fit", "FIT", "GO").manifest("Plugin-Requires", ">=0.2.0").writeTo(plugins, "fit.jar");
        List<LoadedPlugin> loaded = PluginRegistry.load(List.of(plugins), System.getProperty("user.name"), "0.2.3")
                .plugins();
        LoadedPlugin old = loaded.stream().filter(p -> p.id().equals("old")).findFirst().orElseThrow();
        assertEquals("DISABLED", old.state());
        assertEquals("built for ctys-api 0.1 (>=0.1.0); this ctys has 0.2.3, whose API changed: rebuild the plugin "
                + "against ctys-api 0.2", old.problem());
        assertEquals("STARTED", loaded.stream().filter(p -> p.id().equals("fit")).findFirst().orElseThrow().state());
    }

    @Test
    void explainsAJarWithoutServiceRegistration() throws Exception {
        PluginJar.of("bare", "1.0.0").source("test.Bare", "package test; public class Bare {}", false)
                .writeTo(plugins, "bare.jar");
        LoadedPlugin plugin = load().plugins().get(0);
        assertEquals("FAILED", plugin.state());
        assertTrue(plugin.problem().contains("META-INF/services/org.ctys.spi.CtysPlugin"), plugin.problem());
    }

    @Test
    void explainsAJarWithoutDescriptor() throws Exception {
        PluginJar.simple("nameless", "X", "GO").manifest("Plugin-Id", "").writeTo(plugins, "nameless.jar");
        LoadedPlugin plugin = load().plugins().get(0);
        assertEquals("FAILED", plugin.state());
        assertTrue(plugin.problem().contains("needs Plugin-Id and Plugin-Version"), plugin.problem());
    }

    @Test
    void takesPf4jsPropertiesDescriptorToo() throws Exception {
        // PF4J's other descriptor, read from the jar without a zip file system (CtysPluginManager)
        PluginJar.simple("byprops", "PROPS", "GO").manifest("Plugin-Id", "").manifest("Plugin-Version", "")
                .resource("plugin.properties", "plugin.id=byprops\nplugin.version=2.0.0\n")
                .resource("META-INF/services/java.lang.Runnable", "# another service: not ctys's\n")
                .writeTo(plugins, "byprops.jar");
        LoadedPlugin plugin = load().plugins().get(0);
        assertEquals("STARTED", plugin.state(), plugin.problem());
        assertEquals("byprops 2.0.0 [PROPS]", plugin.id() + " " + plugin.version() + " " + plugin.sessionTypes());
    }

    @Test
    void aTypeNoPluginServesIsUnknownUnlessAPluginFailedToLoad() throws Exception {
        CtysRun unknown = CtysRun.ctys(plugins, "-t", "vde", "-a", "info");
        assertEquals(1, unknown.code());
        assertEquals("ctys: unknown session type 'vde'; installed: CLI\n", unknown.err());
        PluginJar.simple("broken", "BROKEN", "GO").manifest("Plugin-Requires", ">=99.0.0").writeTo(plugins,
                "broken.jar");
        CtysRun missing = CtysRun.ctys(plugins, "-t", "vde", "-a", "info");
        assertEquals(2, missing.code(), "the broken plugin may be the one serving it");
        assertTrue(missing.err().contains("ctys: no usable plugin for session type VDE (looked in ["),
                missing.err());
    }

    @Test
    void aCommandLoadsOnlyThePluginsThatMayServeItsTypeAndWhatTheyNeed() throws Exception {
        PluginJar.simple("alpha", "ALPHA", "GO").manifest(PluginManifest.SESSION_TYPES, "ALPHA")
                .writeTo(plugins, "a.jar");
        PluginJar.simple("beta", "BETA", "GO").manifest(PluginManifest.SESSION_TYPES, "BETA")
                .manifest("Plugin-Dependencies", "gamma?").writeTo(plugins, "b.jar");
        PluginJar.simple("gamma", "GAMMA", "GO").manifest(PluginManifest.SESSION_TYPES, "GAMMA")
                .writeTo(plugins, "c.jar");
        PluginJar.simple("undeclared", "DELTA", "GO").writeTo(plugins, "d.jar");
        PluginJar.switchProvider("provider", "SWITCH").manifest(PluginManifest.SESSION_TYPES, "SWITCH")
                .manifest(PluginManifest.SERVICES, VirtualSwitchProvider.class.getName()).writeTo(plugins, "e.jar");
        PluginRegistry first = PluginRegistry.load(List.of(), List.of(plugins), System.getProperty("user.name"),
                "0.1.0", "alpha");
        assertEquals(List.of("alpha", "undeclared", "provider"), ids(first));
        assertTrue(first.plugins().stream().allMatch(LoadedPlugin::usable), first.plugins().toString());
        assertEquals(List.of("beta", "gamma", "undeclared", "provider"), ids(PluginRegistry.load(List.of(),
                List.of(plugins), System.getProperty("user.name"), "0.1.0", "BETA")));
        assertEquals(List.of("alpha", "beta", "gamma", "undeclared", "provider"), ids(load()));
        // beta's optional dependency must not cost the others their extensions
        PluginRegistry again = load();
        assertTrue(again.plugins().stream().allMatch(LoadedPlugin::usable), again.plugins().toString());
    }

    @Test
    void aServiceIsLoadedOnlyForPluginsThatMayAskForIt() throws Exception {
        PluginJar.simple("alpha", "ALPHA", "GO").manifest(PluginManifest.SESSION_TYPES, "ALPHA")
                .manifest(PluginManifest.USES, PluginManifest.NONE).writeTo(plugins, "a.jar");
        PluginJar.simple("beta", "BETA", "GO").manifest(PluginManifest.SESSION_TYPES, "BETA")
                .manifest(PluginManifest.USES, VirtualSwitchProvider.class.getName()).writeTo(plugins, "b.jar");
        PluginJar.simple("gamma", "GAMMA", "GO").manifest(PluginManifest.SESSION_TYPES, "GAMMA")
                .writeTo(plugins, "c.jar");
        PluginJar.switchProvider("provider", "SWITCH").manifest(PluginManifest.SESSION_TYPES, "SWITCH")
                .manifest(PluginManifest.SERVICES, VirtualSwitchProvider.class.getName())
                .manifest(PluginManifest.USES, PluginManifest.NONE).writeTo(plugins, "e.jar");
        String user = System.getProperty("user.name");
        assertEquals(List.of("alpha"), ids(PluginRegistry.load(List.of(), List.of(plugins), user, "0.1.0", "ALPHA")));
        assertEquals(List.of("beta", "provider"),
                ids(PluginRegistry.load(List.of(), List.of(plugins), user, "0.1.0", "BETA")));
        // a plugin that does not say what it uses may ask for anything
        assertEquals(List.of("gamma", "provider"),
                ids(PluginRegistry.load(List.of(), List.of(plugins), user, "0.1.0", "GAMMA")));
        assertEquals(List.of("provider"),
                ids(PluginRegistry.load(List.of(), List.of(plugins), user, "0.1.0", "SWITCH")));
    }

    @Test
    void aPluginServesExactlyTheTypesItDeclares() throws Exception {
        PluginJar.simple("liar", "REAL", "GO").manifest(PluginManifest.SESSION_TYPES, "DECLARED")
                .writeTo(plugins, "liar.jar");
        LoadedPlugin plugin = load().plugins().get(0);
        assertEquals("FAILED", plugin.state());
        assertEquals("its manifest declares the session types [DECLARED] (Ctys-Session-Types), its code serves "
                + "[REAL]; make them the same", plugin.problem());
    }

    @Test
    void aPluginThatDeclaresItsTypesDeclaresItsServicesToo() throws Exception {
        PluginJar.switchProvider("quiet", "SWITCH").manifest(PluginManifest.SESSION_TYPES, "SWITCH")
                .writeTo(plugins, "quiet.jar");
        LoadedPlugin plugin = load().plugins().get(0);
        assertEquals("its manifest declares the services [] (Ctys-Services), its code offers ["
                + VirtualSwitchProvider.class.getName() + "]; make them the same", plugin.problem());
    }

    private static List<String> ids(PluginRegistry registry) {
        return registry.plugins().stream().map(LoadedPlugin::id).toList();
    }

    private PluginRegistry load() {
        return PluginRegistry.load(List.of(plugins), System.getProperty("user.name"), "0.1.0");
    }
}
