package org.ctys.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ctys.core.testing.CtysRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults on remote targets in the middle of a VDE create: a host that drops (its packets vanish), a host whose
 * sshd crashes with its connections, one whose sshd listener alone is stopped, and a full disk under
 * CTYS_SOCKBASE. Each outcome must say what happened, and what a run could not undo must be removed by the next
 * {@code cancel} once the host is back.
 */
class RemoteFaultsIT extends OnSwitchHosts {

    @BeforeAll
    static void startHosts() throws Exception {
        start(3, "vde_switch");
    }

    /** Every host reachable again, nothing mounted by a test, no switch left. */
    @AfterEach
    void cleanUp() throws Exception {
        for (String host : hosts.names()) {
            hosts.mend(host);
            if (!hosts.sh(host, "echo up").contains("up")) {
                hosts.startSshd(host);
            }
            // only the full-disk test's tmpfs: under it is the host's own bind mount of the base
            hosts.sh(host, "umount /usr/sbin/ip 2>/dev/null; if grep -q '^ctys-full ' /proc/self/mounts; then umount "
                    + base + "; fi; rm -f " + base + "/ip.*");
        }
        ctys("-t", "VDE", "-a", "cancel=f", "h1", "h2", "h3");
    }

    /**
     * Makes the first {@code ip} of the next create on the host wait 3 s, after leaving {@code ip.paused}, so that a
     * fault can strike in the middle of the create's batch (a wrapper bind-mounted in the host's mount namespace).
     */
    private static void slowFirstIp(String host) throws Exception {
        hosts.sh(host, "cp /usr/sbin/ip " + base + "/ip.real && printf '#!/bin/sh\\n[ -e %s/ip.paused ] || "
                + "{ touch %s/ip.paused; sleep 3; }\\nexec %s/ip.real \"$@\"\\n' " + base + " " + base + " " + base
                + " > " + base + "/ip.slow && chmod 755 " + base + "/ip.slow && mount --bind " + base + "/ip.slow "
                + "/usr/sbin/ip");
    }

    private static Process start(String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of(dist.resolve("bin/ctys").toString()));
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().putAll(hosts.environment());
        return builder.start();
    }

    private static void awaitPause(String... names) throws Exception {
        for (String host : names) {
            for (int i = 0; !hosts.sh(host, "[ -e " + base + "/ip.paused ] && echo paused").contains("paused"); i++) {
                assertTrue(i < 100, "the create reached its batch on " + host);
                Thread.sleep(100);
            }
        }
    }

    private record Ended(int code, String out, String err, long millis) {
    }

    private static Ended await(Process run, long started) throws Exception {
        assertTrue(run.waitFor(90, TimeUnit.SECONDS), "ctys ended");
        return new Ended(run.exitValue(), new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8),
                (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void aHostThatDropsMidCreateIsReportedAndTheNextCancelRemovesWhatItLeft() throws Exception {
        slowFirstIp("h1");
        long started = System.nanoTime();
        Process run = start("-t", "VDE", "-a", "create", "-X", "h1", "h2");
        awaitPause("h1");
        hosts.cut("h1");
        Ended create = await(run, started);
        System.out.println("RemoteFaultsIT: a host dropped mid-create was given up after " + create.millis()
                + " ms (exit " + create.code() + "): " + create.err().strip() + " | " + create.out().strip());
        assertEquals(3, create.code(), create.err());
        assertTrue(create.out().contains("h2;") && create.out().contains(";created"), "h2 is done: " + create.out()
                + create.err());
        assertTrue(create.err().contains("h1: connect: ") && create.err().contains("not undone, the target cannot "
                + "be reached") && create.err().contains("cancel removes them once it is back"), create.err());
        assertEquals(1, create.err().lines().filter(l -> l.contains("h1")).count(), "one line: " + create.err());

        hosts.mend("h1");
        // the dropped run's lock on h1 lasts until h1's sshd finds its connection dead, once h1 is back
        long before = System.nanoTime();
        CtysRun cancel = ctys("-t", "VDE", "-a", "cancel", "h1");
        assertEquals(0, cancel.code(), cancel.err());
        System.out.println("RemoteFaultsIT: the cancel on h1 once it was back took "
                + (System.nanoTime() - before) / 1_000_000 + " ms");
        hosts.sh("h1", "umount /usr/sbin/ip");
        assertEquals("", hosts.switchTraces("h1"), "the cancel removed what the dropped run made");
        assertEquals(0, ctys("-t", "VDE", "-a", "check", "h2").code(), "h2's switch is whole");
    }

    @Test
    void anSshdThatCrashesMidCreateIsReportedAndAStoppedListenerIsNotNoticed() throws Exception {
        slowFirstIp("h1");
        slowFirstIp("h2");
        long started = System.nanoTime();
        Process run = start("-t", "VDE", "-a", "create", "-X", "h1", "h2");
        awaitPause("h1", "h2");
        hosts.killSshd("h1");
        hosts.stop("h2");
        Ended create = await(run, started);
        System.out.println("RemoteFaultsIT: an sshd crash mid-create was reported after " + create.millis() + " ms: "
                + create.err().strip());
        assertEquals(3, create.code(), create.err());
        assertTrue(create.err().contains("h1: connect: ") && create.err().contains("not undone, the target cannot "
                + "be reached"), create.err());
        // the run's own connection to h2 outlives its listener: the create finishes over it
        assertTrue(create.out().contains("h2;") && create.out().contains(";created"), create.out());

        hosts.startSshd("h1");
        hosts.startSshd("h2");
        assertEquals(0, ctys("-t", "VDE", "-a", "check", "h2").code(), "h2's switch is whole");
        CtysRun cancel = ctys("-t", "VDE", "-a", "cancel", "h1");
        assertEquals(0, cancel.code(), cancel.err());
        assertEquals("", hosts.switchTraces("h1"), "the cancel removed what the crashed run made");
    }

    @Test
    void aFullDiskUnderTheSocketBaseChangesNothingAndSaysSo() throws Exception {
        hosts.sh("h3", "mount -t tmpfs -o size=64k,mode=1777 ctys-full " + base + " && dd if=/dev/zero of=" + base
                + "/fill bs=4k 2>/dev/null; true");
        CtysRun create = ctys("-t", "VDE", "-a", "create", "h3");
        assertEquals(3, create.code(), create.err());
        assertTrue(create.err().contains("h3: exit: step 'record the new switch (claim it)' failed: ")
                && create.err().contains("No space left on device")
                && create.err().contains("undone: make the record directory " + base + "/ctys-0"),
                create.err());
        assertEquals("", hosts.switchTraces("h3"), "no record, tap, bridge or switch");
        assertEquals("fill", hosts.sh("h3", "ls " + base).strip(), "not even an empty record");

        hosts.sh("h3", "rm " + base + "/fill");
        assertEquals(0, ctys("-t", "VDE", "-a", "cancel", "h3").code(), "a cancel finds nothing to do");
        assertEquals(0, ctys("-t", "VDE", "-a", "create", "h3").code(), "with space again it works");
        assertEquals(0, ctys("-t", "VDE", "-a", "cancel", "h3").code());
        assertEquals("", hosts.switchTraces("h3"));
    }
}
