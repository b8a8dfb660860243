package org.ctys.core.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ctys.core.testing.CtysRun;
import org.ctys.core.testing.LocalUser;
import org.ctys.core.testing.SystemTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Another local user squats, in /tmp, the directory a resident ctys server of root's would have had (earlier
 * versions started one unasked, at a name anyone could compute): open to all, with a listening socket whose backlog
 * is full and a pid file naming one of root's processes. Root's commands neither hang nor change, and no command
 * leaves a process behind.
 */
class SquattedTmpIT {

    private static final String SQUATTER = """
            import java.net.StandardProtocolFamily;
            import java.net.UnixDomainSocketAddress;
            import java.nio.channels.ServerSocketChannel;
            import java.nio.channels.SocketChannel;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.ArrayList;
            import java.util.List;

            public class Squatter {
                public static void main(String[] args) throws Exception {
                    UnixDomainSocketAddress address = UnixDomainSocketAddress.of(args[0]);
                    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                    server.bind(address, 1);
                    List<SocketChannel> clients = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX);
                        client.configureBlocking(false);
                        try {
                            client.connect(address);
                        } catch (Exception full) {
                            // the backlog is full: that is the point
                        }
                        clients.add(client);
                    }
                    Files.writeString(Path.of(args[1]), "ready");
                    Thread.sleep(600_000);
                }
            }
            """;

    private LocalUser mallory;
    private Path squat;
    private Process squatter;
    private Process victim;

    @BeforeEach
    void squat() throws Exception {
        mallory = LocalUser.create();
        victim = new ProcessBuilder("sleep", "600").start();
        squat = Path.of("/tmp", "ctys-server-0-" + netns() + "-" + controlGroupKey());
        Path source = mallory.sharedDirectory().resolve("Squatter.java");
        Files.writeString(source, SQUATTER);
        mallory.sh("mkdir -m 777 " + squat + " && echo " + victim.pid() + " > " + squat + "/pid && mkfifo -m 666 "
                + squat + "/requests");
        squatter = mallory.start(Path.of(System.getProperty("java.home"), "bin", "java") + " " + source + " "
                + squat + "/socket " + mallory.sharedDirectory() + "/ready");
        for (int i = 0; i < 300 && !Files.exists(mallory.sharedDirectory().resolve("ready")); i++) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(mallory.sharedDirectory().resolve("ready")), "the squatter listens");
    }

    @AfterEach
    void remove() throws Exception {
        try {
            squatter.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            victim.destroyForcibly();
            new ProcessBuilder("rm", "-rf", "--", squat.toString()).start().waitFor();
        } finally {
            mallory.close();
        }
    }

    @Test
    void rootsCommandsNeitherHangNorChangeNorLeaveAProcess() throws Exception {
        Path dist = SystemTests.distribution();
        for (List<String> args : List.of(List.of("--expand", "-X", "localhost"), List.of("-t", "VDE", "-a", "list",
                "-X"), List.of("-t", "CLI", "-a", "create=l:x,cmd:true", "-X"))) {
            List<String> argv = new ArrayList<>(List.of("timeout", "-s", "KILL", "60",
                    dist.resolve("bin/ctys").toString()));
            argv.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(argv);
            builder.environment().put("CTYS_SOCKBASE", mallory.sharedDirectory().toString());
            CtysRun run = CtysRun.process(builder);
            assertEquals(0, run.code(), args + ": " + run);
            // -X reports a target without records on standard error; nothing else may be there
            assertEquals("", run.err().replaceAll("(?m)^ctys: localhost: ok: .*\n", ""), args.toString());
        }
        assertTrue(victim.isAlive(), "root's process named by the planted pid file is alive");
        assertEquals(List.of(), javaOf(dist), "no ctys JVM outlives its command");
    }

    /** @return the running JVMs of this distribution, by their command line */
    private static List<String> javaOf(Path dist) throws Exception {
        Process pgrep = new ProcessBuilder("pgrep", "-a", "-f", "-Dctys.home=" + dist).start();
        List<String> found = new String(pgrep.getInputStream().readAllBytes()).lines().toList();
        pgrep.waitFor();
        return found;
    }

    private static String netns() throws Exception {
        return Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString().replaceAll("[^0-9]", "");
    }

    /** The key earlier launchers put in the server's directory name: the djb2 hash of /proc/self/cgroup's bytes. */
    private static String controlGroupKey() throws Exception {
        long hash = 5381;
        for (byte b : Files.readAllBytes(Path.of("/proc/self/cgroup"))) {
            hash = (hash * 33 + (b & 0xff)) & 0xffffffffL;
        }
        return String.format("%08x", hash);
    }
}
