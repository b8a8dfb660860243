package org.ctys.plugin.vde;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ctys.api.ActionResult;
import org.ctys.api.EnvironmentException;
import org.ctys.api.UsageException;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandResult;

/**
 * Cancel removes exactly what create made, as its record says: the switch (through its management socket, or
 * killed with {@code -f} when it does not answer), the tap, the bridge create made (only while nothing else is in
 * it), an interface's addresses and routes given back, the record. It refuses to cut attached guests off unless
 * forced.
 */
final class CancelSwitch {

    private final SwitchSite site;

    CancelSwitch(SwitchSite site) {
        this.site = site;
    }

    ActionResult run() {
        Optional<SwitchRecord> saved = site.record();
        if (site.probe.pid() == null && saved.isEmpty() && !site.probe.path("mgmt").exists()
                && !site.probe.path("record").exists()) {
            return ActionResult.unchanged("no switch at " + site.mgmt, List.of());
        }
        site.refuseForeignPaths();
        boolean runs = site.switchRuns();
        boolean stopped = runs && shutDown();
        // the rest is one batch, one round trip: what is done is decided from the probe, not by asking again
        Steps steps = new Steps();
        if (runs && !stopped) {
            // forced: a switch that does not answer may be stopped or hung, where only KILL works
            steps.add("kill switch", site.asSwitchUser(Command.of("kill", "-KILL", site.probe.pid())));
        }
        if (runs) {
            steps.add("wait for the switch to exit", SwitchSite.waitForExit(site.probe.pid()));
        }
        String tap = saved.map(SwitchRecord::tap).orElse(site.tap);
        if (site.probe.is("tap", "yes")) {
            for (Command command : site.backend.deleteTap(tap)) {
                steps.add("delete tap " + tap, command.asRoot());
            }
        }
        String bridge = saved.map(SwitchRecord::bridge).orElse(site.bridge);
        if (saved.isPresent() && saved.get().iface() != null) {
            // give the interface its addresses and routes back, and remove the bridge create made over it
            SwitchRecord moved = saved.get();
            steps.add("give " + moved.iface() + " its addresses and routes back", Command.of("ip", "-force",
                    "-batch", "-").withStdin(InterfaceState.restoreBatch(moved.iface(), bridge, moved.addresses(),
                    moved.routes())).asRoot());
        } else if (saved.isPresent() && saved.get().bridgeCreated() && bridge.equals(site.bridge)
                && site.probe.is("bridge", "yes") && site.probe.all("bridgemember").stream().allMatch(tap::equals)) {
            // remove the bridge only when this tool created it and nothing but our tap is in it
            for (Command command : site.backend.deleteBridge(bridge)) {
                steps.add("delete bridge " + bridge, command.asRoot());
            }
        }
        // the record directory goes with its last record
        steps.add("remove the record", Command.of("sh", "-c", "rm -f -- \"$1\" \"$1.new\" && { rmdir -- \"$2\" "
                + "2>/dev/null; exit 0; }", "ctys-vde-unrecord", site.probe.get("recordfile"),
                site.probe.get("recorddir")));
        if (!stopped) {
            // a switch that shut down removed its sockets and pid file itself; what a killed one left is its user's
            steps.add("remove what the switch left", site.asSwitchUser(Command.of("rm", "-rf", "--", site.pidFile,
                    site.mgmt, site.sock)));
        }
        steps.run();
        if (site.context.dryRun()) {
            return ActionResult.changed((stopped ? "shut down switch " + site.mgmt + " through its management socket, "
                    + "then the commands above" : "the commands above cancel switch " + site.mgmt),
                    List.of(site.row("planned")));
        }
        return ActionResult.changed("switch " + site.mgmt + " cancelled", List.of(site.row("cancelled")));
    }

    /**
     * @return whether the switch shut down when asked through its management socket; {@code false} when it did not
     *     answer and {@code -f} allows killing it
     */
    private boolean shutDown() {
        try (ManagementClient client = site.open()) {
            List<Port> attached = Port.parse(client.send("port/print").data()).stream().filter(Port::program)
                    .toList();
            if (!attached.isEmpty() && !site.spec.force()) {
                throw new UsageException("switch " + site.mgmt + " on " + site.context.target() + " has "
                        + attached.size() + " attached VM port(s) (" + String.join("; ", attached.stream()
                        .flatMap(p -> p.endpoints().stream()).toList()) + "); stop them first or force with -f");
            }
            if (!site.context.dryRun()) {
                client.shutdown();
            }
            return true;
        } catch (EnvironmentException e) {
            if (!site.spec.force()) {
                throw new EnvironmentException("switch " + site.mgmt + " on " + site.context.target()
                        + " does not answer on its management socket (" + e.getMessage() + "); -f kills it");
            }
            return false;
        }
    }

    /** Steps without undo that run as one batch, stopping at the first that fails, which the error names. */
    private final class Steps {
        private final List<String> names = new ArrayList<>();
        private final List<Command> commands = new ArrayList<>();

        void add(String name, Command command) {
            names.add(name);
            commands.add(command);
        }

        void run() {
            List<CommandResult> results = site.runner.runAll(commands);
            for (int i = 0; i < results.size(); i++) {
                if (!results.get(i).succeeded()) {
                    throw new VdeStepException("step '" + names.get(i) + "' failed: "
                            + Journal.lastLine(results.get(i).stderr()));
                }
            }
        }
    }
}
