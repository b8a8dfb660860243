package org.ctys.plugin.vde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.ctys.api.TargetFailureException;
import org.ctys.api.TargetFailureException.Reason;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandResult;
import org.ctys.testkit.RecordingCommandRunner;
import org.junit.jupiter.api.Test;

class JournalTest {

    @Test
    void aFailingTapCreationUndoesTheBridgeThisRunMadeAndSaysSo() {
        RecordingCommandRunner runner = new RecordingCommandRunner(command -> command.argv().contains("tuntap")
                ? new CommandResult(2, "", "ioctl(TUNSETIFF): Device or resource busy\n", Duration.ZERO)
                : RecordingCommandRunner.ok(""));
        Journal journal = new Journal(runner);
        journal.run("create bridge br0", Command.of("ip", "link", "add", "name", "br0", "type", "bridge"),
                Command.of("ip", "link", "del", "dev", "br0"));
        journal.run("bring br0 up", Command.of("ip", "link", "set", "dev", "br0", "up"));
        journal.run("create tap tap1", Command.of("ip", "tuntap", "add", "dev", "tap1", "mode", "tap"),
                Command.of("ip", "link", "del", "dev", "tap1"));
        journal.run("never reached", Command.of("ip", "link", "set", "dev", "tap1", "up"));
        VdeStepException e = assertThrows(VdeStepException.class, journal::flush);
        assertEquals("step 'create tap tap1' failed: ioctl(TUNSETIFF): Device or resource busy; undone: "
                + "create bridge br0", e.getMessage());
        assertEquals(List.of("ip link add name br0 type bridge", "ip link set dev br0 up",
                "ip tuntap add dev tap1 mode tap", "ip link del dev br0"),
                runner.commands().stream().map(c -> String.join(" ", c.argv())).toList());
    }

    @Test
    void aFailedUndoIsReported() {
        RecordingCommandRunner runner = new RecordingCommandRunner(command -> command.argv().contains("del")
                || command.argv().contains("vde_switch")
                ? new CommandResult(1, "", "nope\n", Duration.ZERO) : RecordingCommandRunner.ok(""));
        Journal journal = new Journal(runner);
        journal.run("create bridge br0", Command.of("ip", "link", "add", "name", "br0", "type", "bridge"),
                Command.of("ip", "link", "del", "dev", "br0"));
        journal.run("start vde_switch", Command.of("vde_switch", "-d"));
        VdeStepException e = assertThrows(VdeStepException.class, journal::flush);
        assertEquals("step 'start vde_switch' failed: nope; undone: create bridge br0 (undo failed)", e.getMessage());
    }

    @Test
    void aTargetLostMidBatchIsAConnectFailureAndWhatCannotBeReachedIsNamed() {
        java.util.concurrent.atomic.AtomicBoolean lost = new java.util.concurrent.atomic.AtomicBoolean();
        RecordingCommandRunner runner = new RecordingCommandRunner(command -> {
            if (lost.get() || command.argv().contains("tuntap")) {
                lost.set(true);
                throw new TargetFailureException(Reason.CONNECT, "lost the connection to h1 during 'ip'");
            }
            return RecordingCommandRunner.ok("");
        });
        Journal journal = new Journal(runner);
        journal.run("record", Command.of("sh", "-c", "true"), Command.of("rm", "-f", "/r"));
        journal.flush();
        journal.run("create bridge br0", Command.of("ip", "link", "add", "name", "br0", "type", "bridge"),
                Command.of("ip", "link", "del", "dev", "br0"));
        journal.run("create tap tap1", Command.of("ip", "tuntap", "add", "dev", "tap1", "mode", "tap"),
                Command.of("ip", "link", "del", "dev", "tap1"));
        VdeStepException e = assertThrows(VdeStepException.class, journal::flush);
        assertEquals(Reason.CONNECT, e.reason());
        assertEquals("step 'create bridge br0 (or a step after it in the same batch)' failed: lost the connection to "
                + "h1 during 'ip'; not undone, the target cannot be reached: create tap tap1, create bridge br0, record "
                + "(its record is kept: cancel removes them once it is back)", e.getMessage());
    }

    @Test
    void queuedStepsGoInOneBatchAndAStepWithStandardInputAlone() {
        List<List<Command>> batches = new java.util.ArrayList<>();
        RecordingCommandRunner recorder = new RecordingCommandRunner();
        org.ctys.api.exec.CommandRunner runner = new org.ctys.api.exec.CommandRunner() {
            @Override
            public CommandResult run(Command command) {
                return recorder.run(command);
            }

            @Override
            public List<CommandResult> runAll(List<Command> commands) {
                batches.add(commands);
                return org.ctys.api.exec.CommandRunner.super.runAll(commands);
            }
        };
        Journal journal = new Journal(runner);
        journal.run("a", Command.of("true"));
        journal.run("b", Command.of("true"));
        journal.run("c", Command.of("ip", "-batch", "-").withStdin("link add x type bridge\n"));
        journal.run("d", Command.of("true"));
        journal.flush();
        assertEquals(List.of(2, 1, 1), batches.stream().map(List::size).toList());
    }
}
