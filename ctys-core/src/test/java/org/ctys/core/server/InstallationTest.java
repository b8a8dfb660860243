package org.ctys.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What makes a server decline a client: everything a command's processes inherit, and nothing else. */
class InstallationTest {

    private static final String STATUS = """
            Name:\tbash
            Umask:\t0022
            State:\tS (sleeping)
            Pid:\t%d
            Uid:\t0\t0\t0\t0
            Gid:\t0\t0\t0\t0
            Groups:\t4 27
            VmRSS:\t%d kB
            CapInh:\t0000000000000000
            CapPrm:\t000001ffffffffff
            CapEff:\t000001ffffffffff
            CapBnd:\t000001ffffffffff
            CapAmb:\t0000000000000000
            NoNewPrivs:\t0
            Seccomp:\t0
            Seccomp_filters:\t0
            """;

    private static final String LIMITS = """
            Limit                     Soft Limit           Hard Limit           Units
            Max cpu time              unlimited            unlimited            seconds
            Max core file size        0                    unlimited            bytes
            Max open files            1024                 1048576              files
            Max processes             95602                95602                processes
            """;

    @TempDir
    Path work;

    private int made;

    /** A /proc entry of a process, with its own pid, memory and times, and {@code change} applied to a file. */
    private Path process(String file, UnaryOperator<String> change) throws IOException {
        made++;
        Path process = Files.createDirectories(work.resolve(Integer.toString(made)));
        Files.createSymbolicLink(process.resolve("root"), Files.createDirectories(work.resolve("rootfs")));
        Files.createDirectories(process.resolve("ns"));
        Files.createSymbolicLink(process.resolve("ns/net"), Path.of("net:[4026531840]"));
        write(process, "status", STATUS.formatted(1000 + made, 3000 + made), file, change);
        write(process, "limits", LIMITS, file, change);
        write(process, "cgroup", "0::/user.slice/user-0.slice/session-4.scope\n", file, change);
        write(process, "stat", (1000 + made) + " (my (odd) name) S 1 " + (1000 + made)
                + " 1000 34816 1000 4194304 " + made + " 0 0 0 " + made + " 0 0 0 20 0 1 0 " + made + "\n", file, change);
        write(process, "oom_score_adj", "0\n", file, change);
        return process;
    }

    private static void write(Path process, String name, String text, String file, UnaryOperator<String> change)
            throws IOException {
        Files.writeString(process.resolve(name), name.equals(file) ? change.apply(text) : text);
    }

    private String fingerprint(Path process) {
        return Installation.fingerprint(null, "-Xmx200m", process, "/usr/lib/jvm/java-17-openjdk-amd64");
    }

    @Test
    void twoProcessesOfOneUserInOneSessionAgreeThoughTheirPidsMemoryAndTimesDiffer() throws IOException {
        assertEquals(fingerprint(process("", UnaryOperator.identity())),
                fingerprint(process("", UnaryOperator.identity())));
    }

    @Test
    void theSoftLimitOfOpenFilesDoesNotCountForTheJvmRaisesItToTheHardOne() throws IOException {
        assertEquals(fingerprint(process("", UnaryOperator.identity())),
                fingerprint(process("limits", t -> t.replace("1024                 1048576",
                        "1048576              1048576"))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "status|Umask:\t0022|Umask:\t0077",
        "status|Groups:\t4 27|Groups:\t4",
        "status|Gid:\t0\t0\t0\t0|Gid:\t27\t27\t27\t27",
        "status|CapBnd:\t000001ffffffffff|CapBnd:\t000001ffffffefff",
        "status|NoNewPrivs:\t0|NoNewPrivs:\t1",
        "limits|Max core file size        0 |Max core file size        unlimited",
        "limits|1024                 1048576|1024                 4096",
        "limits|95602                95602|512                  95602",
        "cgroup|session-4.scope|ctys-boot.service",
        "stat|20 0 1 0|20 10 1 0",
        "oom_score_adj|0|-500",
    })
    void whatACommandsProcessesInheritCounts(String file, String from, String to) throws IOException {
        assertNotEquals(fingerprint(process("", UnaryOperator.identity())),
                fingerprint(process(file, t -> {
                    assertNotEquals(t, t.replace(from, to), "the change applies");
                    return t.replace(from, to);
                })), file + ": " + to);
    }
}
