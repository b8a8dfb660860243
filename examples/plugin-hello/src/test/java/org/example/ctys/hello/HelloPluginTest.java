package org.example.ctys.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.ctys.api.ActionRequest;
import org.ctys.api.SubOption;
import org.ctys.api.SubOptions;
import org.ctys.api.Target;
import org.ctys.api.UsageException;
import org.ctys.testkit.RecordingCommandRunner;
import org.ctys.testkit.TestPluginContext;
import org.junit.jupiter.api.Test;

/** The plugin without ssh: the testkit's runner records each command and answers as a target would. */
class HelloPluginTest {

    private final HelloPlugin plugin = new HelloPlugin();

    private static ActionRequest request(String action, SubOption... options) {
        return new ActionRequest("HELLO", action, new SubOptions(List.of(options)), false);
    }

    @Test
    void greetRunsOneCommandAndReturnsARecord() {
        RecordingCommandRunner runner = new RecordingCommandRunner(c -> RecordingCommandRunner.ok("h1\nalice\n"));
        var result = plugin.perform(request("GREET", new SubOption("name", "you")),
                new TestPluginContext(Target.of("h1"), runner));
        assertEquals(List.of(new HelloPlugin.Greeting("hello you", "h1", "alice")), result.records());
        assertEquals(List.of("sh", "-c", "uname -n; id -un"), runner.commands().get(0).argv());
    }

    @Test
    void disksParsesDfAndRefusesARelativePath() {
        RecordingCommandRunner runner = new RecordingCommandRunner(c -> RecordingCommandRunner.ok(
                "Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/sda1 1000 400 600 40% /\n"));
        var result = plugin.perform(request("DISKS"), new TestPluginContext(Target.of("h1"), runner));
        assertEquals(600L, result.records(HelloPlugin.Disk.class).get(0).availableKiB());
        assertEquals(List.of("df", "-P", "-k", "--", "/"), runner.commands().get(0).argv());
        assertThrows(UsageException.class, () -> plugin.perform(request("DISKS", new SubOption("path", "var")),
                new TestPluginContext(Target.of("h1"), runner)));
    }
}
