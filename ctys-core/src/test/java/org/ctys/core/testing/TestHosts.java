package org.ctys.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Real remote hosts for tests: {@code h1..hN}, each a network namespace with its own sshd, reached with the ssh
 * configuration {@link #sshConfig()}. Closing removes everything, also after a failed test.
 */
public final class TestHosts implements AutoCloseable {

    private final Path script;
    private final Map<String, String> environment;
    private final Path base;
    private final int count;

    private TestHosts(Path script, Map<String, String> environment, Path base, int count) {
        this.script = script;
        this.environment = environment;
        this.base = base;
        this.count = count;
    }

    /** Brings up {@code count} hosts; skips or fails the test when the machine cannot. */
    public static TestHosts start(int count) throws IOException, InterruptedException {
        SystemTests.requireRootAnd("ip", "sshd", "ssh", "ssh-keygen", "unshare", "sudo", "useradd", "visudo");
        long pid = ProcessHandle.current().pid();
        String prefix = "ct" + Long.toHexString(pid % 0xffff);
        Path base = Files.createTempDirectory("ctys-hosts-");
        Path script = base.resolveSibling(base.getFileName() + ".sh");
        try (InputStream in = TestHosts.class.getResourceAsStream("/testbed/hosts.sh")) {
            Files.write(script, in.readAllBytes());
        }
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> environment = Map.of("TB_BASE", base.toString(), "TB_PREFIX", prefix,
                "TB_NET", "10.199." + (20 + pid % 200));
        TestHosts hosts = new TestHosts(script, environment, base, count);
        try {
            hosts.script("up", Integer.toString(count));
        } catch (IOException | RuntimeException e) {
            hosts.close();
            throw e;
        }
        return hosts;
    }

    /** @return the ssh configuration that reaches {@code h1..hN} as root */
    public Path sshConfig() {
        return base.resolve("client/ssh_config");
    }

    /**
     * @return the unprivileged user on every host, whom sudo allows {@code /usr/sbin/ip link *} and
     *         {@code /usr/sbin/ip tuntap *} only
     */
    public String user() {
        try {
            return Files.readString(base.resolve("user")).strip();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Stops the sshd of one host, as a host that went down. */
    public void stop(String host) throws IOException, InterruptedException {
        script("stop", host);
    }

    /** Ends every sshd process of one host, its open connections too, as a crash of its ssh service. */
    public void killSshd(String host) throws IOException, InterruptedException {
        script("kill_all", host);
    }

    /** Starts the sshd of a host again (a fresh mount namespace: what a test mounted there is gone). */
    public void startSshd(String host) throws IOException, InterruptedException {
        script("restart", host);
    }

    /** Takes a host's link down: packets to it vanish, nothing is refused or reset, as a host that dropped. */
    public void cut(String host) throws IOException, InterruptedException {
        script("cut_link", host);
    }

    /** Brings a host's link back up after {@link #cut}. */
    public void mend(String host) throws IOException, InterruptedException {
        script("mend_link", host);
    }

    /**
     * Replaces a program on one host (in the mount namespace of its sshd, so for every command ctys runs there) by a
     * shell script, until the returned handle is closed; the script finds the real program as {@code $REAL}.
     *
     * @param host a host
     * @param program the program's absolute path, e.g. {@code /usr/bin/ip}
     * @param body the script's body
     * @return what undoes the replacement
     */
    public AutoCloseable replace(String host, String program, String body) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(base.resolve("injected"));
        Path real = dir.resolve(Path.of(program).getFileName() + ".real");
        Path script = dir.resolve(Path.of(program).getFileName() + ".sh");
        Files.copy(Path.of(program), real, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(script, "#!/bin/sh\nREAL=" + real + "\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        String pid = Files.readString(base.resolve("hosts").resolve(host).resolve("sshd.pid")).strip();
        SystemTests.run("nsenter", "-t", pid, "-m", "mount", "--bind", script.toString(), program);
        return () -> SystemTests.run("nsenter", "-t", pid, "-m", "umount", program);
    }

    /** @return the first three parts of the hosts' IPv4 network, e.g. {@code 10.199.42} */
    public String network() {
        return environment.get("TB_NET");
    }

    /**
     * @return a directory that each host sees as its own (bind-mounted per host in its mount namespace): use it as
     *         CTYS_SOCKBASE so that the hosts' switches do not share files
     */
    public Path hostDirectory() {
        return base.resolve("hostroot");
    }

    /**
     * Runs a shell command on a host as root, over ssh, for checking its state independently of ctys.
     *
     * @return the command's standard output
     */
    public String sh(String host, String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("ssh", "-F", sshConfig().toString(), host, command)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }

    /**
     * @return the pids of the live processes named {@code program} on a host, one per line: only that host's (the
     *         hosts share one pid namespace, so they are told apart by network namespace), and a zombie counts as
     *         gone (PID 1 here reaps late)
     */
    public String processes(String host, String program) throws IOException, InterruptedException {
        return sh(host, "me=$(readlink /proc/self/ns/net); for p in $(pgrep -x " + program + "); do "
                + "[ \"$(readlink /proc/$p/ns/net)\" = \"$me\" ] && ! grep -q '^State:.*Z' /proc/$p/status "
                + "&& echo $p; done").strip();
    }

    /**
     * @return the environment of a ctys run against these hosts: their ssh configuration, and each host's own
     *         directory as CTYS_SOCKBASE
     */
    public java.util.Map<String, String> environment() {
        return java.util.Map.of("CTYS_SSH_CONFIG", sshConfig().toString(), "CTYS_SOCKBASE",
                hostDirectory().toString());
    }

    /**
     * @return what of a VDE switch is on a host, one item a line: {@code vde_switch-running}, taps and the bridge
     *         {@code ctysbr0}, {@code vde_*} files under its socket base; empty when there is nothing
     */
    public String switchTraces(String host) throws IOException, InterruptedException {
        String switches = processes(host, "vde_switch").isEmpty() ? "" : "vde_switch-running\n";
        return (switches + sh(host, "ip -o link show | grep -o -E '(tap[0-9a-f]{8}|ctysbr0)' | sort -u; ls "
                + hostDirectory() + " | grep vde_")).strip();
    }

    /** @return the host aliases {@code h1..hN} */
    public List<String> names() {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "h" + i).toList();
    }

    private void script(String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                java.util.stream.Stream.concat(java.util.stream.Stream.of("bash", script.toString()),
                        java.util.Arrays.stream(args)).toList());
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("hosts.sh " + String.join(" ", args) + " failed: " + output);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            script("down");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
