package org.ctys.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ctys.core.testing.CtysRun;
import org.ctys.core.testing.PluginJar;
import org.ctys.core.testing.SystemTests;
import org.ctys.spi.ApiVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built distribution, run through its launchers as a user runs it. */
class DistributionIT {

    private static Path dist;

    @BeforeAll
    static void distribution() {
        dist = SystemTests.distribution();
    }

    private static CtysRun ctys(String... args) throws Exception {
        return CtysRun.launcher(dist, Map.of(), "ctys", args);
    }

    @Test
    void shipsLaunchersLibrariesPluginsManualPagesAndCompletion() {
        for (String file : new String[] {"bin/ctys", "bin/ctys-setupVDE", "plugins/plugin-vde.jar",
            "plugins/plugin-qemu.jar", "plugins/plugin-kvm.jar", "plugins/plugin-lab.jar", "man/ctys.adoc",
            "man/ctys-setupVDE.adoc",
            "completion/ctys.bash", "completion/_ctys", "man/ctys-plugins.adoc"}) {
            assertTrue(Files.isRegularFile(dist.resolve(file)), file);
        }
    }

    @Test
    void shipsRoffManualPagesWhereAsciidoctorIsInstalled() throws Exception {
        if (SystemTests.required()) {
            for (String page : new String[] {"man/man1/ctys.1", "man/man1/ctys-setupVDE.1", "man/man1/ctys-plugins.1",
                "man/man1/ctys-plugins-doctor.1"}) {
                String roff = Files.readString(dist.resolve(page));
                assertTrue(roff.contains(".TH \"CTYS"), page);
                // an option with one name reads "-b <bridge>", never "-b, <bridge>" or "-f,"
                assertFalse(roff.lines().anyMatch(line -> line.matches("\\\\fB\\\\-\\w\\\\fP,( \\\\fI.*)?")), page);
            }
            String synopsis = Files.readString(dist.resolve("man/ctys.adoc")).split("== Synopsis\n\n")[1];
            assertEquals(4, synopsis.lines().takeWhile(line -> !line.isEmpty()).filter(l -> l.startsWith("ctys "))
                    .count(),
                    "each form of the command on a line of its own: " + synopsis);
        }
    }

    @Test
    void printsTheVersionAndTheBareVersion() throws Exception {
        assertEquals(Version.current() + "\n", ctys("-X", "-V").out());
        assertTrue(ctys("-V").out().startsWith("ctys " + Version.current()));
        assertTrue(CtysRun.launcher(dist, Map.of(), "ctys-setupVDE", "-V").out()
                .startsWith("ctys-setupVDE " + Version.current() + " (plugin API "));
        assertEquals(Version.current() + "\n", CtysRun.launcher(dist, Map.of(), "ctys-setupVDE", "-X", "-V").out());
    }

    @Test
    void loadsTheBuiltInPluginsFromItsPluginsDirectoryAndTheCliType() throws Exception {
        CtysRun run = ctys("plugins", "-X");
        assertEquals(0, run.code(), run.err());
        assertEquals(String.join("\n",
                "cli;" + ApiVersion.current() + ";CLI;create;STARTED;(built into ctys);",
                "kvm;" + Version.current() + ";KVM;create,cancel,list,info,enumerate;STARTED;" + dist.resolve(
                        "plugins/plugin-kvm.jar") + ";",
                "lab;" + Version.current() + ";LAB;create,check,cancel,list,graph;STARTED;"
                        + dist.resolve("plugins/plugin-lab.jar") + ";",
                "qemu;" + Version.current() + ";QEMU;create,cancel,list,info,enumerate;STARTED;" + dist.resolve(
                        "plugins/plugin-qemu.jar") + ";",
                "vde;" + Version.current() + ";VDE;create,cancel,check,info,ports,list,listall;STARTED;"
                        + dist.resolve("plugins/plugin-vde.jar") + ";") + "\n", run.out());
    }

    @Test
    void theLauncherUsesTheClassDataArchiveOfItsOwnJavaAndRunsCleanlyWithAnyOther() throws Exception {
        assertTrue(Files.exists(dist.resolve("lib/ctys.cds-java")), "mvn package trains the archive");
        CtysRun traced = CtysRun.launcher(dist, Map.of("CTYS_JAVA_OPTS", "-Xlog:class+load"), "ctys", "-X", "-V");
        assertTrue(traced.out().lines().anyMatch(l -> l.contains("org.ctys.core.cli.Main source: shared objects file")),
                "ctys's own classes come from the archive");
        // a line picocli reads (a plain one is read without its model)
        CtysRun model = CtysRun.launcher(dist, Map.of("CTYS_JAVA_OPTS", "-Xlog:class+load"), "ctys", "plugins", "-X");
        // picocli is Java 5 bytecode, which only a static archive keeps (a dynamic one skips old classes)
        assertTrue(model.out().lines().anyMatch(l -> l.contains("picocli.CommandLine source: shared objects file"))
                || Files.exists(dist.resolve("lib/ctys.aot")), "picocli's classes come from the archive");
        java.util.Optional<Path> other;
        try (var jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            String own = Files.readString(dist.resolve("lib/ctys.cds-java")).strip();
            other = jvms.filter(j -> Files.isExecutable(j.resolve("bin/java")))
                    .filter(j -> !own.startsWith(real(j) + "/")).findFirst();
        }
        if (other.isPresent()) {
            CtysRun run = CtysRun.launcher(dist, Map.of("JAVA_HOME", other.get().toString()), "ctys", "-X", "-V");
            assertEquals(0, run.code(), run.err());
            assertEquals(Version.current() + "\n", run.out(), "no archive warning on another JVM");
            assertEquals("", run.err());
            // a command that starts a process: JDK 25 warns about the VFORK launch mechanism, which ctys chooses
            // only for older JDKs
            CtysRun command = CtysRun.launcher(dist, Map.of("JAVA_HOME", other.get().toString()), "ctys", "-t",
                    "CLI", "-a", "create=l:x,cmd:echo%hi", "-X");
            assertEquals(0, command.code(), command.err());
            assertEquals("localhost;x;0;hi;\n", command.out());
            assertEquals("", command.err());
        }
    }

    private static String real(Path path) {
        try {
            return path.toRealPath().toString();
        } catch (java.io.IOException e) {
            return path.toString();
        }
    }

    @Test
    void kvmWithoutThePluginItDependsOnIsRefusedWithTheFixAndNothingElseBreaks(@TempDir Path plugins)
            throws Exception {
        Files.copy(dist.resolve("plugins/plugin-kvm.jar"), plugins.resolve("plugin-kvm.jar"));
        CtysRun list = CtysRun.ctys(plugins, "plugins", "-X");
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("kvm;;;;UNRESOLVED;" + plugins.resolve("plugin-kvm.jar") + ";needs plugin qemu "
                + "(its Plugin-Dependencies), which is not installed or not usable; install it beside this jar"),
                list.out());
        assertTrue(list.out().startsWith("cli;"), "the other plugins still load: " + list.out());
        CtysRun kvm = CtysRun.ctys(plugins, "-t", "KVM", "-a", "list");
        assertEquals(2, kvm.code(), kvm.err());
        assertTrue(kvm.err().contains("no usable plugin for session type KVM"), kvm.err());
    }

    @Test
    void aDryRunPrintsTheCommandsOfACreateAndRunsNone() throws Exception {
        CtysRun setup = CtysRun.launcher(dist, Map.of(), "ctys-setupVDE", "-b", "ctysbr9", "-X", "--dry-run",
                "create");
        assertEquals(0, setup.code(), setup.err());
        assertTrue(setup.out().contains("localhost;ip link add name ctysbr9 type bridge\n"), setup.out());
        assertTrue(setup.out().contains("localhost;vde_switch -d -t tap"), setup.out());
        assertFalse(new String(new ProcessBuilder("ip", "-o", "link", "show").start().getInputStream()
                .readAllBytes()).contains("ctysbr9"), "nothing was made");
    }

    @Test
    void checksPrerequisitesOnTheLocalHost() throws Exception {
        CtysRun run = ctys("plugins", "--json", "-t", "VDE", "localhost");
        assertTrue(run.out().contains("\"name\" : \"vde_switch\""), run.out());
        if (SystemTests.required()) {
            assertEquals(0, run.code(), "vde2 and iproute2 are installed by the test command: " + run.out());
        }
    }

    @Test
    void showsTheManualPagesAndPluginHelp() throws Exception {
        String manual = ctys("-H", "man").out();
        assertTrue(manual.startsWith("NAME\n       ctys - "), manual);
        for (String text : new String[] {"SYNOPSIS\n       ctys [-t <TYPE>]", "\n       -t  <TYPE>",
            "    --fanout <n>   ", "EXIT STATUS\n       0   all OK", "NAME\n       ctys plugins doctor - "}) {
            assertTrue(manual.contains(text), text + " in " + manual);
        }
        // rendered text: none of the AsciiDoc the roff pages are made from
        for (String markup : new String[] {"*-", "_<", "::\n", "// tag", "== "}) {
            assertFalse(manual.contains(markup), markup + " in " + manual);
        }
        String setupVde = ctys("-H", "setupVDE").out();
        assertTrue(setupVde.startsWith("NAME\n       ctys-setupVDE - ") && setupVde.contains("\n       -b  <bridge>"),
                setupVde);
        assertTrue(ctys("-H", "VDE").out().startsWith("VDE - virtual switches"));
    }

    @Test
    void findsAPluginInTheUsersOwnDirectoryWithNothingConfigured(@TempDir Path home) throws Exception {
        Path own = Files.createDirectories(home.resolve(".ctys/plugins"));
        PluginJar.simple("hello", "HELLO", "GREET").writeTo(own, "hello.jar");
        CtysRun run = CtysRun.launcher(dist, Map.of("HOME", home.toString()), "ctys", "plugins", "-X");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("hello;1.0.0;HELLO;greet;STARTED;" + own.resolve("hello.jar") + ";"),
                run.out());
        assertTrue(ctys("-H", "plugins").out().contains("~/.ctys/plugins"), "-H plugins says where they are found");
    }

    @Test
    void dispatchesToAThrowAwayPluginFromThePluginsPath(@TempDir Path plugins) throws Exception {
        PluginJar.simple("hello", "HELLO", "GREET").writeTo(plugins, "hello.jar");
        CtysRun run = CtysRun.launcher(dist, Map.of("CTYS_PLUGINS_PATH", plugins.toString()), "ctys",
                "-t", "HELLO", "-a", "greet=k:world", "-X");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("localhost;hello;GREET;[SubOption[key=k, value=world]];false;ran on "),
                run.out());
    }

    @Test
    void badInputIsExitOneAndLeavesNothingOnStandardOutput() throws Exception {
        CtysRun run = ctys("-t", "VDE", "-a", "create=b:br0,,s:x:y");
        assertEquals(1, run.code());
        assertEquals("", run.out());
        assertEquals("ctys: unescaped ':' in the value of 'b' (write '::' for a literal colon) in "
                + "'create=b:br0,,s:x:y' at column 16\n", run.err());
    }
}
