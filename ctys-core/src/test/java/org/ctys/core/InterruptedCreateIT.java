package org.ctys.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ctys.core.testing.CtysRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ctys -t VDE -a create} killed at many points of its run on a namespace host: after SIGINT the host holds
 * either the whole switch or nothing; after SIGKILL the next {@code cancel} removes whatever the killed run made.
 * The points are a sweep of delays over the whole run (start-up, probe, the create batch, the health check).
 * The counts are printed; docs/RELIABILITY.md has those of the last run.
 */
class InterruptedCreateIT extends OnSwitchHosts {

    @BeforeAll
    static void startHosts() throws Exception {
        start(1, "vde_switch");
    }

    private static void interruptAfter(long millis, boolean kill) throws Exception {
        List<String> argv = new ArrayList<>(List.of(dist.resolve("bin/ctys").toString(), "-t", "VDE", "-a",
                "create", "h1"));
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(hosts.environment());
        Process process = builder.start();
        if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
            if (kill) {
                process.destroyForcibly();
            } else {
                new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            }
        }
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    void sigintLeavesAllOrNothingAndAfterSigkillTheNextCancelRemovesEverything() throws Exception {
        int tried = 0;
        int whole = 0;
        int nothing = 0;
        List<String> residue = new ArrayList<>();
        // the sweep covers 40 % to 150 % of an uninterrupted create on this machine, so the points fall into the
        // start-up, the probe, the create batch and the health check alike
        long start = System.nanoTime();
        assertEquals(0, ctys("-t", "VDE", "-a", "create", "h1").code());
        long full = (System.nanoTime() - start) / 1_000_000;
        assertEquals(0, ctys("-t", "VDE", "-a", "cancel", "h1").code());
        for (int point = 0; point < 12; point++) {
            long millis = full * (40 + 10 * point) / 100;
            for (boolean kill : new boolean[] {false, true}) {
                tried++;
                interruptAfter(millis, kill);
                String after = hosts.switchTraces("h1");
                boolean complete = ctys("-t", "VDE", "-a", "check", "h1")
                        .code() == 0;
                whole += complete ? 1 : 0;
                nothing += after.isEmpty() ? 1 : 0;
                if (!kill && !after.isEmpty() && !complete) {
                    residue.add("SIGINT after " + millis + " ms left: " + after.replace('\n', ' '));
                }
                CtysRun cancel = ctys("-t", "VDE", "-a", "cancel", "h1");
                String left = hosts.switchTraces("h1");
                if (cancel.code() != 0) {
                    // e.g. the lock of a killed run still held: the cancel would wait 30 s and give up
                    residue.add((kill ? "SIGKILL" : "SIGINT") + " after " + millis + " ms, then cancel failed (exit "
                            + cancel.code() + ": " + cancel.err().strip() + ")");
                }
                if (!left.isEmpty()) {
                    residue.add((kill ? "SIGKILL" : "SIGINT") + " after " + millis + " ms, then cancel (exit "
                            + cancel.code() + ": " + cancel.err().strip() + ") left: " + left.replace('\n', ' '));
                    // clean by hand so that the next point starts from nothing
                    String pids = hosts.processes("h1", "vde_switch").replace('\n', ' ');
                    hosts.sh("h1", (pids.isEmpty() ? "" : "kill " + pids + "; ") + "sleep 0.3; for l in $(ip -o "
                            + "link show | grep -o -E 'tap[0-9a-f]{8}|ctysbr0' | sort -u); do ip link del $l; done; "
                            + "rm -rf " + base + "/vde_*");
                }
            }
        }
        System.out.println("InterruptedCreateIT: an uninterrupted create took " + full + " ms; " + tried
                + " interruption points tried (" + whole + " found a "
                + "whole switch, " + nothing + " nothing, " + (tried - whole - nothing) + " a half-made one, each "
                + "removed by the next cancel), " + residue.size() + " left residue");
        assertEquals(List.of(), residue, tried + " interruption points tried");
        // a SIGKILLed run cannot remove its ssh control directory: the next run does
        List<String> abandoned = new ArrayList<>();
        try (var dirs = java.nio.file.Files.newDirectoryStream(Path.of("/tmp"), "ctys-ssh-*-*")) {
            for (Path dir : dirs) {
                String pid = dir.getFileName().toString().split("-")[2];
                if (pid.matches("[0-9]+") && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
                    abandoned.add(dir.toString());
                }
            }
        }
        assertEquals(List.of(), abandoned, "control directories of killed runs");
    }
}
