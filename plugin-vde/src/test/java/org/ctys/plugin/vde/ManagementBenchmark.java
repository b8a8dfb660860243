package org.ctys.plugin.vde;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ctys.api.exec.SocketConnection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH: the management-socket client in process. {@code parse} reads a port table of {@code ports} ports as
 * vde_switch 2.3.2 writes it; {@code roundTrip} sends {@code port/print} to a real vde_switch (started here, without
 * a tap, in a private directory) and parses the answer. Run by bench/run.sh; not a test.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ManagementBenchmark {

    /** Ports in the parsed table. */
    @Param({"2", "64"})
    public int ports;

    private String answer;
    private Path directory;
    private Process vdeSwitch;
    private ManagementClient client;

    /** The answer to parse, and a switch to talk to. */
    @Setup(Level.Trial)
    public void start() throws Exception {
        StringBuilder text = new StringBuilder("0000 DATA END WITH '.'\n");
        for (int p = 1; p <= ports; p++) {
            text.append(String.format("Port %04d untagged_vlan=0000 ACTIVE - Unnamed Allocatable%n", p))
                    .append(" Current User: root Access Control: (User: NONE - Group: NONE)\n")
                    .append(" IN:  pkts         20          bytes                 1696\n")
                    .append(" OUT: pkts          8          bytes                 1284\n")
                    .append(String.format("  -- endpoint ID %04d module unix prog   : QEMU user=root pid=%d%n", p, 1000 + p));
        }
        answer = text.append(".\n1000 Success\n\nvde$ ").toString();
        directory = Files.createTempDirectory("ctys-jmh-vde");
        Path mgmt = directory.resolve("mgmt");
        vdeSwitch = new ProcessBuilder("vde_switch", "-s", directory.resolve("sock").toString(), "-M",
                mgmt.toString()).redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        for (int i = 0; i < 250 && !Files.exists(mgmt); i++) {
            Thread.sleep(20);
        }
        client = new ManagementClient(connect(mgmt), mgmt.toString());
    }

    private static SocketConnection connect(Path path) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(path));
        InputStream in = Channels.newInputStream(channel);
        OutputStream out = Channels.newOutputStream(channel);
        return new SocketConnection() {
            @Override
            public InputStream input() {
                return in;
            }

            @Override
            public OutputStream output() {
                return out;
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    /** Stops the switch (it was started here, its process is known) and removes its directory. */
    @TearDown(Level.Trial)
    public void stop() throws Exception {
        client.close();
        vdeSwitch.destroy();
        vdeSwitch.waitFor(5, TimeUnit.SECONDS);
        try (var files = Files.walk(directory)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** @return the answer's framing read: status and data block */
    @Benchmark
    public ManagementClient.Reply framing() {
        return ManagementClient.parse(answer, "/m");
    }

    /** @return the parsed port table */
    @Benchmark
    public List<Port> parse() {
        return Port.parse(ManagementClient.parse(answer, "/m").data());
    }

    /** @return the switch's parsed port table, one command and answer over the socket */
    @Benchmark
    public List<Port> roundTrip() {
        return Port.parse(client.send("port/print").data());
    }
}
