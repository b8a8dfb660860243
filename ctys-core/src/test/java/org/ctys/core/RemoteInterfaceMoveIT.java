package org.ctys.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ctys.core.testing.CtysRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code create -i eth0} over ssh on a remote host shaped like a real server (a second IPv4 address, a global IPv6
 * address, default routes of both families, a static route with a metric), where eth0 carries the very ssh session
 * ctys works through: the session survives, cancel gives everything back, and when the link is cut during the move
 * the host gives it back by itself.
 */
class RemoteInterfaceMoveIT extends OnSwitchHosts {

    private String before;

    @BeforeAll
    static void startHosts() throws Exception {
        start(1, "vde_switch", "nsenter");
    }

    @BeforeEach
    void shapeLikeAServer() throws Exception {
        String net = hosts.network();
        // the gateways do not exist: nothing is ever sent through them
        hosts.sh("h1", "ip addr add " + net + ".111/24 dev eth0 && ip addr add fd00:199::11/64 dev eth0 nodad"
                + " && ip route add default via " + net + ".254 && ip -6 route add default via fd00:199::1"
                + " && ip route add 10.199.250.0/24 via " + net + ".254 metric 50");
        before = settled();
    }

    @AfterEach
    void unshape() throws Exception {
        ctys("-t", "VDE", "-a", "cancel=f", "h1");
        String net = hosts.network();
        hosts.sh("h1", "ip route del 10.199.250.0/24; ip -6 route del default; ip route del default; ip addr del "
                + "fd00:199::11/64 dev eth0; ip addr del " + net + ".111/24 dev eth0");
    }

    @Test
    void theSessionOverTheInterfaceSurvivesAndCancelGivesEverythingBack() throws Exception {
        CtysRun create = ctys("-t", "VDE", "-a", "create=i:eth0,b:ibr0", "-X", "h1");
        assertEquals(0, create.code(), create.toString());
        String moved = hosts.sh("h1", "ip -o addr show dev ibr0; ip route show table all dev ibr0");
        assertTrue(moved.contains(hosts.network() + ".111/24") && moved.contains("fd00:199::11/64")
                && moved.contains("default via fd00:199::1") && moved.contains("metric 50"), moved);
        assertEquals(0, ctys("-t", "VDE", "-a", "check", "h1").code());
        CtysRun cancel = ctys("-t", "VDE", "-a", "cancel", "h1");
        assertEquals(0, cancel.code(), cancel.toString());
        assertEquals(before, settled(), "eth0 and every routing table are as they were");
    }

    @Test
    void aCreateThatFailsAfterTheMoveGivesEverythingBackAndKeepsTheSession() throws Exception {
        try (AutoCloseable failing = hosts.replace("h1", "/usr/bin/vde_switch",
                "echo 'vde_switch: injected failure' >&2; exit 1")) {
            CtysRun create = ctys("-t", "VDE", "-a", "create=i:eth0,b:ibr0", "h1");
            assertEquals(3, create.code(), create.toString());
            assertTrue(create.err().contains("injected failure") && create.err().contains("undone: "), create.err());
        }
        assertEquals(before, settled(), "eth0 and every routing table are as they were");
        assertEquals(0, ctys("-t", "CLI", "-a", "create=l:after,cmd:true", "h1").code(), "the host still answers");
    }

    @Test
    void aLinkCutDuringTheMoveIsMendedByTheHostItself() throws Exception {
        Path marker = hosts.hostDirectory().getParent().resolve("moved");
        Files.deleteIfExists(marker);
        // the move's batch runs, then the link is cut before ctys can say anything more
        try (AutoCloseable ip = hosts.replace("h1", "/usr/bin/ip", "if [ \"$1\" = -batch ]; then \"$REAL\" \"$@\"; "
                + "r=$?; touch " + marker + "; sleep 30; exit $r; fi; exec \"$REAL\" \"$@\"")) {
            List<String> argv = new ArrayList<>(List.of(dist.resolve("bin/ctys-setupVDE").toString(), "-r", "h1",
                    "-i", "eth0", "-b", "ibr0", "--timeout", "15", "create"));
            ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
            builder.environment().putAll(hosts.environment());
            builder.environment().put("CTYS_VDE_CONFIRM_SECONDS", "5");
            Process ctys = builder.start();
            for (int i = 0; i < 300 && !Files.exists(marker); i++) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(marker), "the move ran");
            hosts.cut("h1");
            try {
                String out = new String(ctys.getInputStream().readAllBytes());
                assertTrue(ctys.waitFor(60, TimeUnit.SECONDS), "ctys ends");
                assertEquals(3, ctys.exitValue(), out);
                Thread.sleep(3000);   // the safety net's 5 s, counted from before the move, are over
            } finally {
                hosts.mend("h1");
            }
        }
        assertEquals(before, settled(), "the host gave eth0 back by itself");
    }

    /** @return eth0's link and addresses and every routing table, once no address is tentative */
    private String settled() throws Exception {
        for (int i = 0; i < 50 && hosts.sh("h1", "ip -o addr").contains("tentative"); i++) {
            Thread.sleep(100);
        }
        return state();
    }

    private static String state() throws Exception {
        return hosts.sh("h1", "ip -j link show dev eth0; ip -j addr show dev eth0; ip -j route show table all");
    }
}
