package org.ctys.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.ctys.core.testing.CtysRun;
import org.ctys.core.testing.PluginJar;
import org.ctys.core.testing.SystemTests;
import org.ctys.core.testing.TestHosts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI type, privilege, deadlines, faults and cancellation on 20 real sshd hosts in network namespaces. */
class ExecutionIT {

    private static TestHosts hosts;
    private static Path dist;
    @TempDir
    static Path plugins;

    @BeforeAll
    static void startHosts() throws Exception {
        dist = SystemTests.distribution();
        hosts = TestHosts.start(20);
        PluginJar.root("rooty", "ROOTY").writeTo(plugins, "rooty.jar");
        // kill's options as /usr/bin/kill takes them, which dash's builtin kill refuses ("Illegal number: -")
        PluginJar.plugin("killer", "KILLER", "RUN", "run", """
                public List<Prerequisite> prerequisites() {
                    return List.of(Prerequisite.program("kill", "procps", "signals"));
                }
                public record Row(String codes) { }
                """, """
                Command kill = Command.of("kill", "-0", "--", "1");
                List<Object> codes = new ArrayList<>();
                codes.add(context.runner().run(kill).exitCode());
                try (var lock = context.lock("/var/tmp", java.time.Duration.ofSeconds(10))) {
                    codes.add(context.runner().run(kill).exitCode());
                    context.runner().runAll(List.of(kill, kill)).forEach(r -> codes.add(r.exitCode()));
                }
                return ActionResult.unchanged("ran", List.of(new Row(codes.toString())));
                """).writeTo(plugins, "killer.jar");
    }

    @AfterAll
    static void stopHosts() throws Exception {
        if (hosts != null) {
            hosts.close();
        }
    }

    private static CtysRun ctys(String... args) throws Exception {
        Map<String, String> environment = new HashMap<>();
        environment.put("CTYS_SSH_CONFIG", hosts.sshConfig().toString());
        environment.put("CTYS_PLUGINS_PATH", plugins.toString());
        return CtysRun.launcher(dist, environment, "ctys", args);
    }

    private static boolean processRunning(String pattern) throws Exception {
        Process pgrep = new ProcessBuilder("pgrep", "-f", pattern).start();
        return pgrep.waitFor() == 0;
    }

    @Test
    void aCommandOnTwentyHostsInParallelReportsEachHostsOutput() throws Exception {
        CtysRun run = ctys("-t", "CLI", "-a", "create=l:who,cmd:echo%$(hostname)%$TB_HOST", "-X", "h[1-20]");
        assertEquals(0, run.code(), run.err());
        assertEquals(IntStream.rangeClosed(1, 20).mapToObj(i -> "h" + i + ";who;0;h" + i + " h" + i + ";")
                .collect(Collectors.joining("\n")) + "\n", run.out());
    }

    @Test
    void downHungFailingDeniedAndHealthyHostsAreReportedDistinctly() throws Exception {
        hosts.stop("h20");
        String command = "case%$(hostname)%in%h18)%exec%sleep%301;;%h19)%echo%bad%>&2;exit%7;;%*)%echo%fine;;%esac";
        CtysRun run = ctys("-t", "CLI", "-a", "create=l:mix,root,cmd:" + command, "-Z", "SUDO", "--timeout", "3",
                "--json", "h17", "h18", "h19", "h20", hosts.user() + "@h16", "h15");
        assertEquals(3, run.code(), run.err());
        assertTrue(run.out().contains("\"ok\" : 2,\n  \"changed\" : 0,\n  \"failed\" : 4"), run.out());
        List<String> failures = List.of("null", "\"timeout\"", "\"exit\"", "\"connect\"", "\"privilege\"",
                "null");
        String[] targets = run.out().split("\"target\" : ");
        for (int i = 0; i < failures.size(); i++) {
            assertTrue(targets[i + 1].contains("\"failure\" : " + failures.get(i)), targets[i + 1]);
        }
        assertTrue(targets[3].contains("\"stderr\" : \"bad\""), targets[3]);
        assertTrue(targets[3].contains("exited with status 7: bad"), targets[3]);
        assertTrue(targets[5].contains("sudo refused it for " + hosts.user()), targets[5]);
        assertFalse(processRunning("sleep 301"), "the hung command was stopped on its host");
    }

    @Test
    void aCommandRunsItsProgramAloneInABatchAndUnderTheLockLocallyAndOverSsh() throws Exception {
        CtysRun run = ctys("-t", "KILLER", "-a", "run", "-X", "localhost", "h1");
        assertEquals(0, run.code(), run.err());
        assertEquals(List.of("h1;[0, 0, 0, 0]", "localhost;[0, 0, 0, 0]"), run.out().lines().sorted().toList());
        CtysRun doctor = ctys("plugins", "-t", "KILLER", "-X", "h1");
        assertTrue(doctor.out().contains(";kill;ok;/usr/bin/kill"), "the program's path, not a builtin's name: "
                + doctor.out());
    }

    @Test
    void sudoRunsOnlyWhatTheRuleAllowsAndSaysWhichRuleIsMissing() throws Exception {
        String user = hosts.user();
        CtysRun allowed = ctys("-t", "ROOTY", "-a", "run=cmd:ip%link%show%lo", "-Z", "SUDO", "-X",
                user + "@h1");
        assertEquals(0, allowed.code(), allowed.err());
        assertTrue(allowed.out().startsWith(user + "@h1;0;1: lo: "), allowed.out());
        // the rule is 'ip link *' and 'ip tuntap *': ip's ways to a root shell stay closed
        for (String shell : List.of("ip%netns%exec%x%id", "ip%-batch%-", "ip%-br%link")) {
            CtysRun refused = ctys("-t", "ROOTY", "-a", "run=cmd:" + shell, "-Z", "SUDO", user + "@h1");
            assertEquals(2, refused.code(), shell + ": " + refused.err());
            assertTrue(refused.err().contains("sudo refused it for " + user), refused.err());
        }
        CtysRun denied = ctys("-t", "ROOTY", "-a", "run=cmd:id%-u", "-Z", "SUDO", user + "@h1", "h2");
        assertEquals(3, denied.code(), denied.err());
        assertTrue(denied.err().contains(user + "@h1: privilege: 'id -u' needs root on " + user + "@h1, and sudo "
                + "refused it for " + user + "; allow it with the sudoers rule: " + user + " ALL=(root) NOPASSWD: "
                + "/usr/bin/id -u\n"), denied.err());
        assertTrue(denied.out().contains("h2    0"), "root needs no escalation: " + denied.out());
        String rule = denied.err().substring(denied.err().indexOf("sudoers rule: ") + 14).lines().findFirst()
                .orElseThrow();
        Path sudoers = plugins.resolve("advice.sudoers");
        java.nio.file.Files.writeString(sudoers, rule + "\n");
        CtysRun visudo = CtysRun.process(new ProcessBuilder("visudo", "-c", "-q", "-f", sudoers.toString()));
        assertEquals(0, visudo.code(), "the advice is a valid sudoers line: " + rule + visudo.out() + visudo.err());
        CtysRun none = ctys("-t", "ROOTY", "-a", "run=cmd:ip%-br%link", user + "@h1");
        assertEquals(2, none.code(), none.err());
        assertTrue(none.err().contains("is not root there; add -Z SUDO (or -Z KSU)"), none.err());
    }

    @Test
    void contextOptionsReachOnlyTheirHost() throws Exception {
        String user = hosts.user();
        CtysRun run = ctys("-t", "ROOTY", "-a", "run=cmd:ip%link%show%lo", "-X", "h3'(-l " + user
                + " -Z SUDO)'", "h4", "h5(-l " + user + ")");
        assertEquals(3, run.code(), run.err());
        assertTrue(run.out().startsWith(user + "@h3;0;1: lo: "), run.out());
        assertTrue(run.out().contains("\nh4;0;1: lo: "), run.out());
        assertTrue(run.err().contains(user + "@h5: privilege:"), run.err());
    }

    @Test
    void ctrlCStopsRunningTargetsAndReportsEachOne() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/ctys").toString(), "-t", "CLI", "-a",
                "create=l:long,cmd:sleep%302", "h6", "h7", "h8");
        builder.environment().put("CTYS_SSH_CONFIG", hosts.sshConfig().toString());
        Process ctys = builder.start();
        for (int i = 0; i < 100 && !processRunning("sleep 302"); i++) {
            Thread.sleep(100);
        }
        Thread.sleep(500);
        new ProcessBuilder("kill", "-INT", Long.toString(ctys.pid())).start().waitFor();
        String err = new String(ctys.getErrorStream().readAllBytes());
        assertEquals(130, ctys.waitFor(), err);
        for (String host : List.of("h6", "h7", "h8")) {
            assertTrue(err.contains("ctys: " + host + ": cancelled: stopped: the run was cancelled"), err);
        }
        Thread.sleep(3000);
        assertFalse(processRunning("sleep 302"), "the remote commands ended with their connections");
    }
}
