package org.ctys.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ctys.core.testing.CtysRun;
import org.ctys.core.testing.SystemTests;
import org.ctys.core.testing.TestHosts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/plugin-hello as a third party would use it: copied out of the tree, built by its own pom against the
 * installed ctys-api artifact, dropped into a plugins directory, and run against an sshd host in a namespace.
 */
class ExamplePluginIT {

    private static final Path EXAMPLE = Path.of("..", "examples", "plugin-hello").toAbsolutePath().normalize();

    private static TestHosts hosts;
    private static Path dist;

    @BeforeAll
    static void startHosts() throws Exception {
        dist = SystemTests.distribution();
        SystemTests.requireRootAnd("mvn", "sshd");
        hosts = TestHosts.start(1);
    }

    @AfterAll
    static void stopHosts() throws Exception {
        if (hosts != null) {
            hosts.close();
        }
    }

    @Test
    void buildsFromScratchLoadsFromAPluginsDirectoryAndRunsOnARemoteHost(@TempDir Path work) throws Exception {
        Path project = work.resolve("plugin-hello");
        copy(EXAMPLE, project);
        maven(project, "-B", "-ntp", "-q", "-o", "package");
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Path jar = Files.copy(project.resolve("target/ctys-plugin-hello-1.0.0.jar"), plugins.resolve("hello.jar"));
        Map<String, String> environment = Map.of("CTYS_PLUGINS_PATH", plugins.toString(),
                "CTYS_SSH_CONFIG", hosts.sshConfig().toString());

        CtysRun list = CtysRun.launcher(dist, environment, "ctys", "plugins", "-t", "HELLO", "-X");
        assertEquals("hello;1.0.0;HELLO;greet,disks;STARTED;" + jar + ";\n", list.out(), list.err());
        CtysRun greet = CtysRun.launcher(dist, environment, "ctys", "-t", "HELLO", "-a", "greet=name:you", "-X",
                "h1");
        assertEquals("h1;hello you;h1;root\n", greet.out(), greet.err());
        CtysRun disks = CtysRun.launcher(dist, environment, "ctys", "-t", "HELLO", "-a", "disks=path:/", "--json",
                "h1");
        assertEquals(0, disks.code(), disks.err());
        assertTrue(disks.out().contains("\"mountedOn\" : \"/\""), disks.out());
        CtysRun bad = CtysRun.launcher(dist, environment, "ctys", "-t", "HELLO", "-a", "disks=path:var", "h1");
        assertEquals(1, bad.code());
        assertEquals("ctys: h1: usage: path 'var' must be absolute, e.g. disks=path:/var\n", bad.err());
        CtysRun doctor = CtysRun.launcher(dist, environment, "ctys", "plugins", "doctor", "-t", "HELLO", "-X",
                "h1");
        assertEquals(0, doctor.code(), doctor.out() + doctor.err());
        assertTrue(doctor.out().contains("hello;ctys-api class loader;ok;"), doctor.out());
        assertTrue(doctor.out().contains("h1;hello;program df;ok;"), doctor.out());
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(f -> !from.relativize(f).startsWith("target")).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    /** Runs Maven in the copied project, offline: ctys's own build has cached every plugin and library it needs. */
    private static void maven(Path project, String... args) throws IOException, InterruptedException {
        List<String> argv = new java.util.ArrayList<>(List.of("mvn"));
        argv.addAll(List.of(args));
        Process process = new ProcessBuilder(argv).directory(project.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "the example does not build on its own (is ctys-api installed? "
                + "scripts/test.sh runs mvn install):\n" + output);
    }
}
