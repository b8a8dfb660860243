package org.ctys.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ctys.core.testing.CtysRun;
import org.ctys.core.testing.PluginJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ctys plugins doctor} on the packaging mistakes PF4J's users report most, each built for real. */
class PluginDoctorTest {

    @TempDir
    Path plugins;

    @Test
    void aHealthyPluginHasNoProblemAndItsPrerequisitesAreChecked() throws Exception {
        PluginJar.simple("hello", "HELLO", "GREET").writeTo(plugins, "hello.jar");
        CtysRun run = CtysRun.ctys(plugins, "plugins", "doctor", "-X");
        assertEquals(0, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("hello;ctys-api class loader;ok;all "), run.out());
        assertTrue(run.out().contains("hello;registration;ok;test.hello.TestPlugin;"), run.out());
        assertTrue(run.out().contains("localhost;hello;program sh;ok;"), run.out());
        // one record shape: where, plugin, check, status, detail, fix
        assertTrue(run.out().lines().allMatch(line -> line.split(";", -1).length == 6), run.out());
    }

    @Test
    void aBundledApiAnSlf4jBindingAMissingDependencyAndADuplicateAreFoundWithTheirFixes() throws Exception {
        PluginJar.simple("fat", "FAT", "GO")
                .source("org.ctys.spi.ApiVersion", "package org.ctys.spi; public final class ApiVersion {}", false)
                .resource("META-INF/services/org.slf4j.spi.SLF4JServiceProvider", "org.example.Binding\n")
                .writeTo(plugins, "fat.jar");
        PluginJar.simple("child", "CHILD", "GO").manifest("Plugin-Dependencies", "parent")
                .writeTo(plugins, "child.jar");
        Path one = PluginJar.simple("twin", "TWIN", "GO").writeTo(plugins, "twin.jar");
        Files.createDirectories(plugins.resolve("more"));
        Files.copy(one, plugins.resolve("more/twin-copy.jar"));
        CtysRun run = CtysRun.of(null, java.util.Map.of(org.ctys.core.config.ConfigKeys.ENV_PLUGINS_PATH,
                plugins + ":" + plugins.resolve("more")), "ctys", "plugins", "doctor", "--json");
        assertEquals(2, run.code(), run.err());
        // one JSON document: the jars' findings, then the prerequisites per target
        com.fasterxml.jackson.databind.JsonNode document = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .readTree(run.out());
        assertTrue(document.get("plugins").isArray() && document.get("targets").isArray(), run.out());
        String out = run.out().replaceAll("\\s+", " ");
        assertTrue(out.contains("\"check\" : \"bundled ctys-api\", \"status\" : \"problem\""), out);
        assertTrue(out.contains("depend on org.ctys:ctys-api with <scope>provided</scope> and rebuild"), out);
        assertTrue(out.contains("\"check\" : \"ctys-api class loader\", \"status\" : \"problem\""), out);
        assertTrue(out.contains("the jar carries an SLF4J binding"), out);
        assertTrue(out.contains("\"detail\" : \"needs parent (not installed)\""), out);
        assertTrue(out.contains("is the same file as " + one), out);
    }
}
