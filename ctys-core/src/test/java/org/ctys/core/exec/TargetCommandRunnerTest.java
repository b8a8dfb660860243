package org.ctys.core.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.ctys.api.Target;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandResult;
import org.junit.jupiter.api.Test;

/** Batches on this machine (the ssh path is RemoteTargetsIT's): one result per command, also when cut short. */
class TargetCommandRunnerTest {

    private final TargetCommandRunner runner = new TargetCommandRunner(Target.LOCALHOST, Transport.LOCAL,
            Escalation.NONE, null, null);

    @Test
    void eachCommandGetsItsOwnOutputAndTheBatchStopsAtTheFirstFailure() {
        List<CommandResult> results = runner.runAll(List.of(Command.of("printf", "a"),
                Command.of("sh", "-c", "echo out; echo err >&2; exit 4"), Command.of("echo", "never")));
        assertEquals(2, results.size());
        assertEquals("a", results.get(0).stdout());
        assertEquals(4, results.get(1).exitCode());
        assertEquals("out\n", results.get(1).stdout());
        assertEquals("err\n", results.get(1).stderr());
    }

    @Test
    void aBatchKilledInTheMiddleReportsTheCommandItWasRunningAsFailed() {
        List<CommandResult> results = runner.runAll(List.of(Command.of("true"),
                Command.of("sh", "-c", "echo partial; kill -9 $PPID; sleep 5"), Command.of("echo", "never")));
        assertEquals(2, results.size());
        assertEquals(0, results.get(0).exitCode());
        assertEquals(137, results.get(1).exitCode(), "the batch's own end stands for the command it cut");
    }

    @Test
    void theSudoersAdviceIsTheNarrowestRuleThatAllowsTheCommand() {
        assertEquals("/usr/sbin/ip link *", TargetCommandRunner.sudoersCommand("/usr/sbin/ip",
                List.of("ip", "link", "add", "name", "br0", "type", "bridge")));
        assertEquals("/usr/sbin/ip tuntap *", TargetCommandRunner.sudoersCommand("/usr/sbin/ip",
                List.of("ip", "tuntap", "add", "dev", "tap0", "mode", "tap")));
        assertEquals("/usr/sbin/ip -force -batch -", TargetCommandRunner.sudoersCommand("/usr/sbin/ip",
                List.of("ip", "-force", "-batch", "-")));
        assertEquals("/usr/bin/vde_switch -d -t tap0 *", TargetCommandRunner.sudoersCommand("/usr/bin/vde_switch",
                List.of("vde_switch", "-d", "-t", "tap0", "-s", "/s")));
        assertEquals("/usr/bin/id -u", TargetCommandRunner.sudoersCommand("/usr/bin/id", List.of("id", "-u")));
        assertEquals("/usr/bin/true \"\"", TargetCommandRunner.sudoersCommand("/usr/bin/true", List.of("true")));
        assertEquals("/bin/x a\\:b\\,c *", TargetCommandRunner.sudoersCommand("/bin/x", List.of("x", "a:b,c", "d")));
        assertEquals("/bin/x * *", TargetCommandRunner.sudoersCommand("/bin/x", List.of("x", "a b", "d")));
    }
}
