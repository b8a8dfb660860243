package org.ctys.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A network namespace of one test, with its loopback up: what root does in it (links, switches) stays in it.
 * Closing ends the processes that run in it (found by their namespace, never by name) and deletes it.
 */
public final class ScratchNamespace implements AutoCloseable {

    private final String name;

    private ScratchNamespace(String name) {
        this.name = name;
    }

    /** Makes the namespace; skips or fails the test when the machine cannot. */
    public static ScratchNamespace create() throws IOException, InterruptedException {
        SystemTests.requireRootAnd("ip");
        String name = "ctys-t" + Long.toHexString(ProcessHandle.current().pid()) + "-"
                + Long.toHexString(System.nanoTime() & 0xffff);
        SystemTests.run("ip", "netns", "add", name);
        ScratchNamespace namespace = new ScratchNamespace(name);
        namespace.sh("ip link set lo up");
        return namespace;
    }

    /** @return the namespace's name, as {@code ip netns} knows it */
    public String name() {
        return name;
    }

    /** @return the argv prefix that runs a command in the namespace */
    public List<String> exec() {
        return List.of("ip", "netns", "exec", name);
    }

    /** Runs a shell command in the namespace as root and returns its output; fails when it fails. */
    public String sh(String command) throws IOException, InterruptedException {
        return SystemTests.run("ip", "netns", "exec", name, "sh", "-c", command);
    }

    /** Starts a long-lived process in the namespace as root. */
    public Process start(String... argv) throws IOException {
        List<String> command = new ArrayList<>(exec());
        command.addAll(List.of(argv));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        String ns = "net:[" + Files.getAttribute(Path.of("/run/netns", name), "unix:ino") + "]";
        List<Long> pids = new ArrayList<>();
        try (var procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                try {
                    if (Files.readSymbolicLink(proc.resolve("ns/net")).toString().equals(ns)) {
                        pids.add(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException | UnsupportedOperationException gone) {
                    // ended meanwhile, or not ours to read
                }
            }
        }
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        SystemTests.run("ip", "netns", "del", name);
    }
}
