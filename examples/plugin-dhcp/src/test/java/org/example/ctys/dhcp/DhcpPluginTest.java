package org.example.ctys.dhcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.ctys.api.ActionRequest;
import org.ctys.api.ActionResult;
import org.ctys.api.EnvironmentException;
import org.ctys.api.SubOption;
import org.ctys.api.SubOptions;
import org.ctys.api.TargetFailureException;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.Privilege;
import org.ctys.spi.PluginContext;
import org.ctys.spi.SubOptionSpec;
import org.ctys.testkit.RecordingCommandRunner;
import org.ctys.testkit.TestPluginContext;
import org.junit.jupiter.api.Test;

/** The plugin without a target: the testkit's runner records each command and answers as the scripts would. */
class DhcpPluginTest {

    private final DhcpPlugin plugin = new DhcpPlugin();

    private static ActionRequest request(String action, SubOption... options) {
        return new ActionRequest("DHCP", action, new SubOptions(List.of(options)), false);
    }

    private static TestPluginContext context(RecordingCommandRunner runner) {
        return TestPluginContext.builder().runner(runner).setting(PluginContext.SOCKET_BASE, "/srv/s").build();
    }

    /** @return the arguments the script got after its name */
    private static List<String> args(Command command) {
        return command.argv().subList(4, command.argv().size());
    }

    @Test
    void createRunsItsScriptAsRootWithTheCheckedOptionsAndSaysWhetherItChanged() {
        RecordingCommandRunner runner = new RecordingCommandRunner()
                .answer("sh -c", RecordingCommandRunner.ok("started\n"));
        ActionResult started = plugin.perform(request("CREATE", new SubOption("b", "br7"),
                new SubOption("addr", "192.168.7.1/24"), new SubOption("range", "192.168.7.10-192.168.7.20")),
                context(runner));
        assertTrue(started.changed());
        Command command = runner.commands().get(0);
        assertTrue(command.privilege() == Privilege.ROOT && !command.readOnly());
        assertEquals("create", command.argv().get(3));
        assertEquals(List.of("/srv/s/ctys-dhcp", "br7", "192.168.7.1/24", "192.168.7.10", "192.168.7.20"),
                args(command));
        assertTrue(command.argv().get(2).startsWith("ctys_alive() {"), "the liveness check comes with it");

        RecordingCommandRunner up = new RecordingCommandRunner().answer("sh -c", RecordingCommandRunner.ok("up\n"));
        assertFalse(plugin.perform(request("CREATE"), context(up)).changed(), "a running server is left alone");
        assertEquals(List.of("/srv/s/ctys-dhcp", "ctysbr0", "10.199.250.1/24", "10.199.250.100",
                "10.199.250.150"), args(up.commands().get(0)));
    }

    @Test
    void theActionsDeclareWhatTheirValuesMustBeSoCtysRefusesBadOnesBeforeAnythingRuns() {
        List<SubOptionSpec> create = plugin.actions().get(0).subOptions();
        Map<String, String> bad = Map.of("b", "br;rm", "addr", "10.0.0.300/24", "range", "10.0.0.1");
        for (SubOptionSpec spec : create) {
            assertFalse(spec.kind().accepts(bad.get(spec.key())), spec.key());
            assertFalse(spec.repeatable(), spec.key() + " is given at most once");
        }
        assertTrue(create.get(2).kind().accepts("10.0.0.10-10.0.0.20"));
    }

    @Test
    void aMissingBridgeIsAMissingEnvironmentElementAndOtherFailuresSayWhatTheScriptSaid() {
        RecordingCommandRunner noBridge = new RecordingCommandRunner().answer("sh -c",
                RecordingCommandRunner.failed(3, "no bridge ctysbr0 here: create the switch first"));
        assertEquals("no bridge ctysbr0 here: create the switch first", assertThrows(EnvironmentException.class,
                () -> plugin.perform(request("CREATE"), context(noBridge))).getMessage());
        RecordingCommandRunner stuck = new RecordingCommandRunner().answer("sh -c",
                RecordingCommandRunner.failed(5, "dnsmasq 42 did not stop within 5 s"));
        assertTrue(assertThrows(TargetFailureException.class, () -> plugin.perform(request("CANCEL"),
                context(stuck))).getMessage().endsWith(": dnsmasq 42 did not stop within 5 s"));
    }

    @Test
    void cancelSaysWhenThereWasNothingOfOurs() {
        RecordingCommandRunner none = new RecordingCommandRunner().answer("sh -c", RecordingCommandRunner.ok("none\n"));
        assertFalse(plugin.perform(request("CANCEL"), context(none)).changed());
        RecordingCommandRunner stopped = new RecordingCommandRunner().answer("sh -c",
                RecordingCommandRunner.ok("stopped\n"));
        assertTrue(plugin.perform(request("CANCEL", new SubOption("b", "br7")), context(stopped)).changed());
        assertEquals(List.of("/srv/s/ctys-dhcp", "br7"), args(stopped.commands().get(0)));
    }

    @Test
    void listTurnsTheScriptsLinesIntoRecords() {
        RecordingCommandRunner runner = new RecordingCommandRunner().answer("sh -c", RecordingCommandRunner.ok(
                "server ctysbr0 4242 running\nlease ctysbr0 52:54:00:c7:00:01 10.199.250.120 *\nserver br7 77 stopped\n"));
        ActionResult listed = plugin.perform(request("LIST"), context(runner));
        assertEquals(List.of(new DhcpPlugin.Server("ctysbr0", 4242L, "running",
                        List.of("52:54:00:c7:00:01 10.199.250.120 *")),
                new DhcpPlugin.Server("br7", 77L, "stopped", List.of())), listed.records());
        assertTrue(runner.commands().get(0).readOnly(), "list changes nothing: it runs in a dry run too");
    }

    @Test
    void aDryRunPlansTheScriptAndRunsNothingThatChanges() {
        RecordingCommandRunner runner = new RecordingCommandRunner();
        TestPluginContext dry = TestPluginContext.builder().runner(runner).dryRun(true).build();
        ActionResult planned = plugin.perform(request("CREATE"), dry);
        assertEquals("would start a DHCP server on ctysbr0", planned.message());
        assertEquals(List.of(), runner.commands(), "nothing ran");
        assertEquals("create", dry.planned().get(0).argv().get(3));
        assertEquals("/var/tmp/ctys-dhcp", args(dry.planned().get(0)).get(0), "the default socket base");
    }
}
