package org.ctys.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ctys.api.EnvironmentException;
import org.ctys.api.Target;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandResult;
import org.ctys.api.exec.HeldLock;
import org.ctys.api.exec.LockedLook;
import org.ctys.core.exec.ActionLocks;
import org.ctys.core.exec.Escalation;
import org.ctys.core.exec.SshSessions;
import org.ctys.core.exec.TargetCommandRunner;
import org.ctys.core.testing.CtysRun;
import org.ctys.core.testing.PluginJar;
import org.ctys.core.testing.SystemTests;
import org.ctys.core.testing.TestHosts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ctys against real sshd hosts in their own network namespaces. */
class RemoteTargetsIT {

    private static TestHosts hosts;
    private static Path dist;

    @BeforeAll
    static void startHosts() throws Exception {
        dist = SystemTests.distribution();
        hosts = TestHosts.start(2);
    }

    @AfterAll
    static void stopHosts() throws Exception {
        if (hosts != null) {
            hosts.close();
        }
    }

    private static Map<String, String> environment(Path plugins) {
        return Map.of("CTYS_SSH_CONFIG", hosts.sshConfig().toString(), "CTYS_PLUGINS_PATH", plugins.toString());
    }

    @Test
    void dispatchesAPluginActionToEveryHostAndCollectsEachResult(@TempDir Path plugins) throws Exception {
        PluginJar.simple("hello", "HELLO", "GREET").writeTo(plugins, "hello.jar");
        CtysRun run = CtysRun.launcher(dist, environment(plugins), "ctys", "-t", "HELLO", "-a", "greet", "-X",
                "h1,h2");
        assertEquals(0, run.code(), run.err());
        assertEquals("h1;hello;GREET;[];false;ran on h1\nh2;hello;GREET;[];false;ran on h2\n", run.out());
    }

    @Test
    void anUnreachableHostFailsAloneWithExitThree(@TempDir Path plugins) throws Exception {
        PluginJar.simple("hello", "HELLO", "GREET").writeTo(plugins, "hello.jar");
        CtysRun run = CtysRun.launcher(dist, environment(plugins), "ctys", "-t", "HELLO", "-a", "greet", "-X",
                "h1", "h2:1");
        assertEquals(3, run.code(), run.err());
        assertEquals("h1;hello;GREET;[];false;ran on h1\n", run.out());
        assertTrue(run.err().startsWith("ctys: h2:1: connect: cannot reach h2:1: ssh: connect to host"), run.err());
    }

    /** A plugin that acts from one target on others (as a lab from its control host): on:h1+h2+h9:1. */
    private static PluginJar reaching() {
        return PluginJar.plugin("reach", "REACH", "RUN", "run=on:<hosts>",
                "public record Row(String other, String value, String failure) { }", """
                List<Target> others = new ArrayList<>();
                for (String host : request.subOptions().value("on").orElseThrow().split("[+]")) {
                    others.add(Target.parse(host));
                }
                List<Row> rows = new ArrayList<>();
                for (TargetOutcome<String> o : context.onEach(others,
                        c -> c.runner().run(Command.of("uname", "-n").asReadOnly()).stdout().strip())) {
                    rows.add(new Row(o.target().toString(), o.succeeded() ? o.value() : null,
                            o.succeeded() ? null : o.failure().getMessage().replaceAll(":.*", "")));
                }
                return ActionResult.unchanged("reached " + others.size(), rows);
                """);
    }

    @Test
    void aPluginReachesOtherHostsFromItsTargetEachFailingAlone(@TempDir Path plugins) throws Exception {
        reaching().writeTo(plugins, "reach.jar");
        CtysRun run = CtysRun.launcher(dist, environment(plugins), "ctys", "-t", "REACH", "-a",
                "run=on:h1+h2+h2::1", "-X");
        assertEquals(0, run.code(), run.err());
        assertEquals("localhost;h1;h1;\nlocalhost;h2;h2;\nlocalhost;h2:1;;cannot reach h2\n", run.out());
        CtysRun planned = CtysRun.launcher(dist, environment(plugins), "ctys", "-t", "REACH", "-a",
                "run=on:h1+h2", "--dry-run");
        assertEquals(0, planned.code(), planned.err());
        assertTrue(planned.out().contains("# record: other=h1 value=h1"), planned.out());
    }

    @Test
    void checksPrerequisitesOnEachHost(@TempDir Path plugins) throws Exception {
        CtysRun run = CtysRun.launcher(dist, environment(plugins), "ctys", "plugins", "-t", "VDE", "-X", "h1",
                "h2");
        String[] lines = run.out().split("\n");
        assertEquals(8, lines.length, run.out() + run.err());
        assertTrue(lines[0].startsWith("h1;vde;program;vde_switch;"), run.out());
        assertTrue(lines[4].startsWith("h2;vde;program;vde_switch;"), run.out());
        assertTrue(lines[2].startsWith("h1;vde;program;flock;ok;"), run.out());
        assertTrue(lines[1].startsWith("h1;vde;program;ip;ok;/usr/sbin/ip"), run.out());
        assertEquals(SystemTests.required() ? 0 : run.code(), run.code(), run.out());
    }

    @Test
    void aGroupReachesEveryMemberWithItsOwnOptions(@TempDir Path plugins, @TempDir Path groups) throws Exception {
        PluginJar.simple("hello", "HELLO", "GREET").writeTo(plugins, "hello.jar");
        java.nio.file.Files.writeString(groups.resolve("lab"), "CONTEXT'(-d 1)'\nh1'(-Z SUDO)'\nh2\n");
        Map<String, String> environment = new java.util.HashMap<>(environment(plugins));
        environment.put("CTYS_GROUPS_PATH", groups.toString());
        CtysRun expand = CtysRun.launcher(dist, environment, "ctys", "--expand", "-X", "@lab");
        assertEquals(";h1;;-d 1 -Z SUDO;lab\n;h2;;-d 1;lab\n", expand.out(), expand.err());
        CtysRun run = CtysRun.launcher(dist, environment, "ctys", "-t", "HELLO", "-a", "greet", "-X", "@lab");
        assertEquals(0, run.code(), run.err());
        assertEquals("h1;hello;GREET;[];false;ran on h1\nh2;hello;GREET;[];false;ran on h2\n", run.out());
    }

    @Test
    void a34AndA35SetupVdeHandsValuesToThePluginUnchangedWithoutReEncoding(@TempDir Path plugins) throws Exception {
        PluginJar.simple("fakevde", "VDE", "CREATE", "create[=b:<bridge>][,u:<user>][,sock:<s>]",
                "public Map<String, String> optionKeys() { return Map.of(\"-b\", \"b\", \"-u\", \"u\", "
                        + "\"-s\", \"sock\"); }").writeTo(plugins, "fakevde.jar");
        CtysRun run = CtysRun.of(null, environment(plugins), "ctys-setupVDE", "-X", "-r", "h1 h2", "-u", "acue.kvm",
                "-b", "br0", "-s", "/var/tmp/a:b,c%d", "create");
        assertEquals(0, run.code(), run.err());
        String subOptions = "[SubOption[key=b, value=br0], SubOption[key=u, value=acue.kvm], "
                + "SubOption[key=sock, value=/var/tmp/a:b,c%d]]";
        assertEquals("h1;fakevde;CREATE;" + subOptions + ";false;ran on h1\n"
                + "h2;fakevde;CREATE;" + subOptions + ";false;ran on h2\n", run.out());
    }

    @Test
    void qemuInfoReadsEachHostsQemu(@TempDir Path plugins) throws Exception {
        SystemTests.requireRootAnd("qemu-system-x86_64");
        CtysRun run = CtysRun.launcher(dist, environment(plugins), "ctys", "-t", "QEMU", "-a", "info", "-X",
                "h1", "h2");
        assertEquals(0, run.code(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals(2, lines.length, run.out());
        for (String line : lines) {
            assertTrue(line.matches("h[12];/usr/bin/qemu-system-x86_64;[0-9.]+;tcg.*;true;.*"), line);
        }
    }

    @Test
    void hostileArgumentsArriveByteForByteThroughSshd() {
        List<String> hostile = List.of("", "two words", "it's", "\"dq\"", "$(id -u)", "`id`", "a;b", "*", "~",
                "new\nline", "ünïcødé", "\\", "!x", "-n", "%s", "$HOME", "{a,b}", "#c", "&", "|", "'");
        List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(hostile);
        CommandResult result;
        try (SshSessions sessions = new SshSessions(hosts.sshConfig(), java.time.Duration.ofSeconds(5), true)) {
            result = new TargetCommandRunner(Target.of("h1"), sessions.to(null, "h1", null), Escalation.NONE, null,
                    null).run(Command.of(argv));
        }
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(hostile, Arrays.asList(result.stdout().split("\0", -1)).subList(0, hostile.size()));
    }

    @Test
    void aBatchIsOneSessionWithEachCommandsOwnResultStoppingAtTheFirstFailure() throws Exception {
        List<String> hostile = List.of("two words", "it's", "$(id -u)", "a;b", "new\nline", "@@ctys-rc 0 0");
        List<String> printf = new ArrayList<>(List.of("printf", "%s|"));
        printf.addAll(hostile);
        String log = hosts.hostDirectory().getParent().resolve("hosts/h2/sshd.log").toString();
        long before = sessionsIn(log);
        List<CommandResult> results;
        try (SshSessions sessions = new SshSessions(hosts.sshConfig(), java.time.Duration.ofSeconds(5), true)) {
            results = new TargetCommandRunner(Target.of("h2"), sessions.to(null, "h2", null), Escalation.NONE, null,
                    null).runAll(List.of(Command.of(printf), Command.of("sh", "-c", "echo out; echo err >&2; exit 3"),
                    Command.of("touch", "/tmp/ctys-never-run")));
        }
        long after = sessionsIn(log);
        assertEquals(2, results.size(), "stops after the failure");
        assertEquals(String.join("|", hostile) + "|", results.get(0).stdout());
        assertEquals(0, results.get(0).exitCode());
        assertEquals(3, results.get(1).exitCode());
        assertEquals("out\n", results.get(1).stdout());
        assertEquals("err\n", results.get(1).stderr());
        assertEquals(1, after - before, "one ssh session for the whole batch");
        assertTrue(hosts.sh("h2", "ls /tmp/ctys-never-run 2>&1").contains("No such file"));
    }

    @Test
    void aLookUnderALockRidesOnTheLocksSessionWithItsOwnResult() throws Exception {
        String log = hosts.hostDirectory().getParent().resolve("hosts/h2/sshd.log").toString();
        Target h2 = Target.of("h2");
        try (SshSessions sessions = new SshSessions(hosts.sshConfig(), java.time.Duration.ofSeconds(5), true);
             SshSessions other = new SshSessions(hosts.sshConfig(), java.time.Duration.ofSeconds(5), true)) {
            TargetCommandRunner runner = new TargetCommandRunner(h2, sessions.to(null, "h2", null), Escalation.NONE,
                    null, null);
            ActionLocks locks = new ActionLocks(h2, sessions.to(null, "h2", null), null);
            long before = sessionsIn(log);
            try (LockedLook locked = locks.lockAndLook("/tmp", java.time.Duration.ofSeconds(5), Command.of("sh", "-c",
                    "printf 'a b\\n%s' \"$1\"; echo err >&2; exit 4", "ctys-test", "it's"), runner)) {
                assertEquals(1, sessionsIn(log) - before, "the lock and the look: one ssh session");
                assertEquals(4, locked.look().exitCode());
                assertEquals("a b\nit's", locked.look().stdout());
                assertEquals("err\n", locked.look().stderr());
                ActionLocks theirs = new ActionLocks(h2, other.to(null, "h2", null), null);
                assertThrows(EnvironmentException.class, () -> theirs.lock("/tmp", java.time.Duration.ofSeconds(1)),
                        "the lock is held while the action goes on");
            }
            // a look that fails as the runner says (a missing program) releases the lock
            assertThrows(EnvironmentException.class, () -> locks.lockAndLook("/tmp", java.time.Duration.ofSeconds(5),
                    Command.of("ctys-no-such-program"), runner));
            try (HeldLock again = new ActionLocks(h2, other.to(null, "h2", null), null).lock("/tmp",
                    java.time.Duration.ofSeconds(2))) {
                assertTrue(again != null);
            }
        }
    }

    @Test
    void whatAnActionRunsUnderItsLockGoesThroughTheLocksSession() throws Exception {
        String log = hosts.hostDirectory().getParent().resolve("hosts/h2/sshd.log").toString();
        Target h2 = Target.of("h2");
        List<String> hostile = List.of("two words", "it's", "$(id -u)", "a;b", "new\nline", "@@ctys-rc 0 0");
        List<String> printf = new ArrayList<>(List.of("printf", "%s|"));
        printf.addAll(hostile);
        try (SshSessions sessions = new SshSessions(hosts.sshConfig(), java.time.Duration.ofSeconds(5), true);
             SshSessions other = new SshSessions(hosts.sshConfig(), java.time.Duration.ofSeconds(5), true)) {
            ActionLocks locks = new ActionLocks(h2, sessions.to(null, "h2", null), null);
            TargetCommandRunner runner = new TargetCommandRunner(h2, sessions.to(null, "h2", null), Escalation.NONE,
                    null, null).alongside(locks);
            long before = sessionsIn(log);
            try (HeldLock lock = locks.lock("/tmp", java.time.Duration.ofSeconds(5))) {
                List<CommandResult> results = runner.runAll(List.of(Command.of(printf), Command.of("sh", "-c",
                        "echo out; printf err >&2; exit 3"), Command.of("touch", "/tmp/ctys-never-run")));
                assertEquals(2, results.size(), "stops after the failure");
                assertEquals(String.join("|", hostile) + "|", results.get(0).stdout());
                assertEquals(3, results.get(1).exitCode());
                assertEquals("out\n", results.get(1).stdout());
                assertEquals("err", results.get(1).stderr());
                CommandResult alone = runner.run(Command.of("sh", "-c", "printf 'x\\ny'; echo e >&2; exit 5"));
                assertEquals(5, alone.exitCode(), "a command's exit ends only the command");
                assertEquals("x\ny", alone.stdout());
                assertEquals("e\n", alone.stderr());
                assertEquals("", runner.run(Command.of("sh", "-c", "cat; ls -l /proc/$$/fd/9 2>&1 | grep -c '/tmp$'")
                        .withEnvironment(Map.of("CTYS_T", "1"))).stdout().replace("0\n", ""),
                        "no input and no lock descriptor for what the holder runs");
                assertEquals(1, sessionsIn(log) - before, "the lock and everything under it: one ssh session");
                assertEquals("in", runner.run(Command.of("cat").withStdin("in")).stdout(),
                        "a command with input has a session of its own");
                assertEquals(2, sessionsIn(log) - before);
                assertThrows(org.ctys.api.TargetFailureException.class, () -> runner.run(Command.of("sleep", "30")
                        .withTimeout(java.time.Duration.ofSeconds(1))), "the target's own deadline stops it");
                assertEquals("still\n", runner.run(Command.of("echo", "still")).stdout(),
                        "and the holder goes on");
                assertEquals(2, sessionsIn(log) - before);
                ActionLocks theirs = new ActionLocks(h2, other.to(null, "h2", null), null);
                assertThrows(EnvironmentException.class, () -> theirs.lock("/tmp", java.time.Duration.ofSeconds(1)),
                        "the lock is held all along");
            }
            long released = sessionsIn(log);
            assertEquals("after\n", runner.run(Command.of("echo", "after")).stdout());
            assertEquals(1, sessionsIn(log) - released, "without the lock, a session of its own");
            try (HeldLock again = new ActionLocks(h2, other.to(null, "h2", null), null).lock("/tmp",
                    java.time.Duration.ofSeconds(2))) {
                assertTrue(again != null, "released when closed");
            }
        }
        assertTrue(hosts.sh("h2", "ls /tmp/ctys-never-run 2>&1").contains("No such file"));
    }

    @Test
    void aCancelledCommandUnderTheLockIsLetFinishAndTheLockKeptForTheRollback() throws Exception {
        Target h2 = Target.of("h2");
        try (SshSessions sessions = new SshSessions(hosts.sshConfig(), java.time.Duration.ofSeconds(5), true);
             SshSessions other = new SshSessions(hosts.sshConfig(), java.time.Duration.ofSeconds(5), true)) {
            ActionLocks locks = new ActionLocks(h2, sessions.to(null, "h2", null), null);
            TargetCommandRunner runner = new TargetCommandRunner(h2, sessions.to(null, "h2", null), Escalation.NONE,
                    null, null).alongside(locks);
            hosts.sh("h2", "rm -f /tmp/ctys-finished");
            try (HeldLock lock = locks.lock("/tmp", java.time.Duration.ofSeconds(5))) {
                java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                        new java.util.concurrent.atomic.AtomicReference<>();
                Thread action = new Thread(() -> {
                    try {
                        runner.run(Command.of("sh", "-c", "sleep 1; touch /tmp/ctys-finished"));
                    } catch (RuntimeException e) {
                        failure.set(e);
                    }
                });
                action.start();
                Thread.sleep(300);
                action.interrupt();   // what Ctrl-C does to a target's thread
                action.join(10_000);
                assertTrue(failure.get() instanceof org.ctys.api.TargetFailureException f
                        && f.reason() == org.ctys.api.TargetFailureException.Reason.CANCELLED, "" + failure.get());
                assertEquals("yes\n", hosts.sh("h2", "test -e /tmp/ctys-finished && echo yes"), "let finish");
                assertEquals("undo\n", runner.run(Command.of("echo", "undo")).stdout(), "the holder goes on");
                ActionLocks theirs = new ActionLocks(h2, other.to(null, "h2", null), null);
                assertThrows(EnvironmentException.class, () -> theirs.lock("/tmp", java.time.Duration.ofSeconds(1)),
                        "the lock is still held for the rollback");
            }
        }
    }

    /** @return how many ssh sessions (remote commands) a host's sshd has started so far */
    private static long sessionsIn(String log) throws java.io.IOException {
        return java.nio.file.Files.readAllLines(java.nio.file.Path.of(log)).stream()
                .filter(l -> l.contains("Starting session")).count();
    }

    @Test
    void theMastersOfARunEndWithIt() throws Exception {
        String ours = "ctys-ssh-" + ProcessHandle.current().pid() + "-";
        try (SshSessions sessions = new SshSessions(hosts.sshConfig(), java.time.Duration.ofSeconds(5), true)) {
            for (String host : List.of("h1", "h2")) {
                assertEquals(0, new TargetCommandRunner(Target.of(host), sessions.to(null, host, null),
                        Escalation.NONE, null, null).run(Command.of("true")).exitCode());
            }
            assertEquals(2, masters(ours), "one master per host while the run lasts");
        }
        // told to exit over their control sockets (OpenSSH's mux protocol), as ssh -O exit does
        for (int i = 0; i < 50 && masters(ours) > 0; i++) {
            Thread.sleep(100);
        }
        assertEquals(0, masters(ours), "no master outlives the run");
    }

    /** ssh renames a master "ssh: <control path> [mux]" (in /proc/PID/cmdline; ProcessHandle.Info shows ssh). */
    private static long masters(String controlDirectory) {
        return ProcessHandle.allProcesses().filter(p -> {
            try {
                String title = java.nio.file.Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
                return title.contains(controlDirectory) && title.contains("[mux]");
            } catch (java.io.IOException | RuntimeException e) {
                return false;   // gone meanwhile
            }
        }).count();
    }
}
