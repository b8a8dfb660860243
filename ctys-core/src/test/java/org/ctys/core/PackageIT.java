package org.ctys.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ctys.core.testing.CtysRun;
import org.ctys.core.testing.PluginJar;
import org.ctys.core.testing.ScratchDirectory;
import org.ctys.core.testing.ScratchNamespace;
import org.ctys.core.testing.SystemTests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packages {@code mvn package} makes: the tarball unpacked anywhere, the Debian package unpacked into a scratch
 * root, and the Debian package installed for real with apt-get, used and purged.
 */
class PackageIT {

    /** Every path the Debian package puts on a machine outside /usr/share/ctys. */
    private static final List<String> PLACES = List.of("/usr/bin/ctys", "/usr/bin/ctys-setupVDE",
            "/usr/share/man/man1/ctys.1.gz", "/usr/share/man/man1/ctys-setupVDE.1.gz",
            "/usr/share/man/man1/ctys-plugins.1.gz", "/usr/share/man/man1/ctys-plugins-doctor.1.gz",
            "/usr/share/bash-completion/completions/ctys", "/usr/share/bash-completion/completions/ctys-setupVDE",
            "/usr/share/zsh/vendor-completions/_ctys", "/etc/ctys/plugins");

    private static Path tarball;
    private static Path deb;

    @TempDir
    Path scratch;

    @BeforeAll
    static void packages() throws IOException {
        Path target = SystemTests.distribution().getParent();
        tarball = target.resolve("ctys-" + Version.current() + ".tar.gz");
        try (Stream<Path> files = Files.list(target)) {
            deb = files.filter(f -> f.getFileName().toString().matches("ctys_.*_all\\.deb")).findFirst().orElse(null);
        }
        SystemTests.require(Files.isRegularFile(tarball) && deb != null, "the packages in " + target);
    }

    private static CtysRun run(Map<String, String> environment, String... argv) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().putAll(environment);
        return CtysRun.process(builder);
    }

    private static void assertVersionAndPlugins(Path bin, Path plugins) throws Exception {
        assertEquals(Version.current() + "\n", run(Map.of(), bin.resolve("ctys").toString(), "-X", "-V").out());
        assertEquals(Version.current() + "\n",
                run(Map.of(), bin.resolve("ctys-setupVDE").toString(), "-X", "-V").out());
        CtysRun listed = run(Map.of("HOME", "/nonexistent"), bin.resolve("ctys").toString(), "plugins", "-X");
        assertEquals(0, listed.code(), listed.err());
        for (String plugin : new String[] {"plugin-vde.jar", "plugin-qemu.jar", "plugin-kvm.jar",
            "plugin-lab.jar"}) {
            assertTrue(listed.out().contains(";STARTED;" + plugins.resolve(plugin) + ";"), listed.out());
        }
    }

    @Test
    void theTarballRunsFromWhereverItIsUnpackedAndThroughASymlink() throws Exception {
        Path into = Files.createDirectories(scratch.resolve("opt with space"));
        SystemTests.run("tar", "-xzf", tarball.toString(), "-C", into.toString());
        Path home = into.resolve("ctys-" + Version.current());
        for (String part : new String[] {"bin", "lib", "plugins", "man/man1", "completion"}) {
            assertTrue(Files.isDirectory(home.resolve(part)), part);
        }
        // the class-data archive fits only the machine and the paths it was made on
        assertFalse(Files.exists(home.resolve("lib/ctys.jsa")));
        assertVersionAndPlugins(home.resolve("bin"), home.resolve("plugins"));
        Path links = Files.createDirectories(scratch.resolve("links"));
        Files.createSymbolicLink(links.resolve("ctys-setupVDE"), home.resolve("bin/ctys-setupVDE"));
        assertTrue(run(Map.of(), links.resolve("ctys-setupVDE").toString(), "-V").out()
                .startsWith("ctys-setupVDE " + Version.current()));
    }

    @Test
    void theDebianPackageSaysWhatItNeedsAndWhereItGoes() throws Exception {
        String fields = SystemTests.run("dpkg-deb", "-f", deb.toString(), "Package", "Architecture", "Depends");
        assertEquals("Package: ctys\nArchitecture: all\n"
                + "Depends: java17-runtime-headless, vde2, iproute2, openssh-client\n", fields);
        String contents = SystemTests.run("dpkg-deb", "-c", deb.toString());
        for (String place : PLACES) {
            assertTrue(contents.contains(" ." + place), place + " in\n" + contents);
        }
        assertTrue(contents.contains("./usr/share/ctys/plugins/plugin-vde.jar"), contents);
        assertTrue(contents.contains("./usr/bin/ctys -> ../share/ctys/bin/ctys\n"), contents);
        assertFalse(contents.contains("ctys.jsa"), contents);
    }

    @Test
    void theDebianPackageRunsWhenUnpackedIntoAnotherRoot() throws Exception {
        SystemTests.requireRootAnd("dpkg", "man", "bash", "zsh");
        Path root = scratch.resolve("root");
        SystemTests.run("dpkg", "-x", deb.toString(), root.toString());
        assertVersionAndPlugins(root.resolve("usr/bin"), root.resolve("usr/share/ctys/plugins"));
        String page = SystemTests.run("man", "-l", "-P", "cat", root.resolve("usr/share/man/man1/ctys.1.gz")
                .toString());
        assertTrue(page.contains("ctys") && page.contains("SYNOPSIS"), page);
        String path = root.resolve("usr/bin") + ":" + System.getenv("PATH");
        assertEquals(List.of("CLI", "KVM", "LAB", "QEMU", "VDE"), CompletionIT.complete("bash", "ctys -t ",
                Map.of("PATH", path, "COMPLETION", root.resolve("usr/share/bash-completion/completions/ctys")
                        .toString())));
        assertEquals(List.of("CLI", "KVM", "LAB", "QEMU", "VDE"), CompletionIT.complete("zsh", "ctys -t ",
                Map.of("PATH", path, "COMPLETION", root.resolve("usr/share/zsh/vendor-completions/_ctys")
                        .toString())));
    }

    @Test
    void installsWithAptRunsASwitchAndPurgesWithoutLeavingFiles() throws Exception {
        SystemTests.requireRootAnd("apt-get", "dpkg-query", "bash", "zsh", "man");
        SystemTests.require(SystemTests.required() || "1".equals(System.getenv("CTYS_PACKAGE_INSTALL_TEST")),
                "consent to install the package on this machine: CTYS_PACKAGE_INSTALL_TEST=1");
        SystemTests.require(!installed(), "no ctys package installed already (the test would replace it)");
        List<String> absent = Stream.concat(PLACES.stream(), Stream.of("/usr/share/ctys", "/etc/ctys"))
                .filter(place -> !Files.exists(Path.of(place), LinkOption.NOFOLLOW_LINKS)).toList();
        try (ScratchDirectory scratchSockets = ScratchDirectory.create("ctys-package-it");
             ScratchNamespace ns = ScratchNamespace.create()) {
            Path sockets = scratchSockets.path();
            SystemTests.run("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-q",
                    "--no-install-recommends", deb.toString());
            assertVersionAndPlugins(Path.of("/usr/bin"), Path.of("/usr/share/ctys/plugins"));
            assertTrue(Files.isRegularFile(Path.of("/usr/share/ctys/lib/ctys.cds-java")),
                    "the postinst made the class-data archive");
            assertEquals("/usr/share/man/man1/ctys.1.gz\n", SystemTests.run("man", "-w", "ctys"));
            assertTrue(SystemTests.run("man", "-P", "cat", "ctys").contains("--ansible-inventory"));
            // bash-completion finds the completion by the command's name, for both faces; zsh has it on its fpath
            assertTrue(SystemTests.run("bash", "-c", "source /usr/share/bash-completion/bash_completion; "
                    + "_completion_loader ctys-setupVDE; complete -p ctys-setupVDE").contains("-F _ctys"));
            assertTrue(SystemTests.run("zsh", "-c", "print -l $fpath").contains("/usr/share/zsh/vendor-completions"));
            // an admin's plugin in /etc/ctys/plugins: its session type and actions are offered too
            Path jar = PluginJar.simple("hello", "HELLO", "GREET").writeTo(Path.of("/etc/ctys/plugins"), "hello.jar");
            try {
                for (String shell : new String[] {"bash", "zsh"}) {
                    Map<String, String> installed = Map.of("COMPLETION", shell.equals("bash")
                            ? "/usr/share/bash-completion/completions/ctys"
                            : "/usr/share/zsh/vendor-completions/_ctys");
                    assertEquals(List.of("CLI", "HELLO", "KVM", "LAB", "QEMU", "VDE"),
                            CompletionIT.complete(shell, "ctys -t ", installed));
                    assertEquals(List.of("greet"), CompletionIT.complete(shell, "ctys -t HELLO -a ", installed));
                    assertTrue(CompletionIT.complete(shell, "ctys --ans", installed)
                            .contains("--ansible-inventory"), shell);
                }
            } finally {
                Files.delete(jar);
            }
            // the switch part of the quick start, as an admin runs it
            for (String command : new String[] {"ctys-setupVDE -b ctysbr0 create", "ctys -t VDE -a check",
                "ctys -t VDE -a info", "ctys -t VDE -a cancel"}) {
                String out = ns.sh("CTYS_SOCKBASE=" + sockets + " HOME=" + sockets + " " + command);
                assertFalse(out.contains("failed"), command + ": " + out);
            }
            assertEquals("lo\n", ns.sh("ls /sys/class/net"));
        } finally {
            if (installed()) {
                SystemTests.run("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "purge", "-y", "-q", "ctys");
            }
        }
        assertFalse(installed());
        // what was not there before is gone again
        for (String place : absent) {
            assertFalse(Files.exists(Path.of(place), LinkOption.NOFOLLOW_LINKS), place);
        }
    }

    private static boolean installed() throws Exception {
        CtysRun query = run(Map.of(), "dpkg-query", "-W", "-f", "${db:Status-Abbrev}", "ctys");
        return query.code() == 0 && query.out().startsWith("i");
    }
}
