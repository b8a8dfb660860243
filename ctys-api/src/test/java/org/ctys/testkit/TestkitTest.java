package org.ctys.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ctys.api.Target;
import org.ctys.api.exec.Command;
import org.ctys.spi.PluginContext;
import org.ctys.spi.TargetOutcome;
import org.junit.jupiter.api.Test;

/** What a plugin author's unit test gets from the testkit: settings, a dry run, scripted results. */
class TestkitTest {

    @Test
    void settingsAndTheSocketBaseAreCoresWithItsDefault() {
        assertEquals(PluginContext.DEFAULT_SOCKET_BASE, TestPluginContext.builder().build().socketBase());
        TestPluginContext context = TestPluginContext.builder().setting(PluginContext.SOCKET_BASE, "/run/lab")
                .setting("CTYS_VM_PATH", "/vms").target(Target.of("h1")).build();
        assertEquals("/run/lab", context.socketBase());
        assertEquals("/vms", context.setting("CTYS_VM_PATH").orElseThrow());
        assertEquals("h1", context.target().host());
    }

    @Test
    void aDryRunRunsWhatLooksAndPlansWhatChanges() {
        RecordingCommandRunner runner = new RecordingCommandRunner().answer("ip link show",
                RecordingCommandRunner.ok("1: lo\n"));
        TestPluginContext context = TestPluginContext.builder().runner(runner).dryRun(true).build();
        assertEquals("1: lo\n", context.runner().run(Command.of("ip", "link", "show").asReadOnly()).stdout());
        assertTrue(context.runner().run(Command.of("ip", "link", "del", "br0").asRoot()).succeeded());
        assertEquals(List.of(List.of("ip", "link", "show")), runner.commands().stream().map(Command::argv).toList());
        assertEquals(List.of(List.of("ip", "link", "del", "br0")),
                context.planned().stream().map(Command::argv).toList());
        assertTrue(context.dryRun());
    }

    @Test
    void scriptedResultsAnswerTheLongestMatchingCommandLine() {
        RecordingCommandRunner runner = new RecordingCommandRunner()
                .answer("ip", RecordingCommandRunner.ok("any ip\n"))
                .answer("ip link show br0", RecordingCommandRunner.failed(1, "Device \"br0\" does not exist."))
                .answer("kill", RecordingCommandRunner.result(1, "", "no such process"));
        assertEquals(1, runner.run(Command.of("ip", "link", "show", "br0", "up")).exitCode());
        assertEquals("any ip\n", runner.run(Command.of("ip", "addr")).stdout());
        assertEquals("no such process", runner.run(Command.of("kill", "-TERM", "--", "7")).stderr());
        assertEquals(0, runner.run(Command.of("uname")).exitCode(), "the default answer");
        assertEquals(4, runner.commands().size());
    }

    @Test
    void otherTargetsAreReachedWithTheirOwnRunnersAndAnUnknownOneFailsAlone() {
        RecordingCommandRunner h1 = new RecordingCommandRunner().answer("uname", RecordingCommandRunner.ok("h1\n"));
        TestPluginContext context = TestPluginContext.builder().reach(Target.of("h1"), h1).dryRun(true).build();
        List<TargetOutcome<String>> outcomes = context.onEach(List.of(Target.of("h1"), Target.of("h9")), c -> {
            c.runner().run(Command.of("ip", "link", "add", "x"));
            return c.runner().run(Command.of("uname", "-n").asReadOnly()).stdout().strip();
        });
        assertEquals("h1", outcomes.get(0).value());
        assertTrue(outcomes.get(1).failure().getMessage().startsWith("cannot reach h9"));
        assertEquals(List.of(Command.of("ip", "link", "add", "x")), context.planned(),
                "another target's planned commands show in this one's plan");
    }
}
