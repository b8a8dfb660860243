package org.ctys.plugin.vde;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ctys.api.ActionResult;
import org.ctys.api.CtysException;
import org.ctys.api.EnvironmentException;
import org.ctys.api.TargetFailureException;
import org.ctys.api.UsageException;
import org.ctys.api.exec.Command;
import org.ctys.spi.support.Scripts;

/**
 * Create converges: a healthy switch is left as it is; otherwise exactly what is missing or broken is made again
 * (the bridge, the tap, its place in the bridge, the bridge's state, the switch), each step with its undo, and the
 * result is looked at again: create exits 0 only when the switch is healthy by the definition check uses.
 */
final class CreateSwitch {

    /** The first step of a new switch: its record, written only when there is none. */
    private static final String CLAIM = "record the new switch (claim it)";

    private final SwitchSite site;

    CreateSwitch(SwitchSite site) {
        this.site = site;
    }

    ActionResult run() {
        site.refuseForeignPaths();
        Optional<SwitchRecord> saved = site.record();
        boolean runs = site.switchRuns();
        if (site.probe.is("bridge", "other")) {
            throw new UsageException("'" + site.bridge + "' on " + site.context.target() + " is not a bridge (-b)");
        }
        if (site.probe.is("tap", "other")) {
            throw new EnvironmentException("'" + site.tap + "' on " + site.context.target() + " is a device but not "
                    + "a tap: it is not this switch's, and is left alone (give the switch other sockets: -S)");
        }
        SwitchSite.Health health = site.health(saved);
        if (saved.isPresent() && health.healthy()) {
            return ActionResult.unchanged("switch " + site.mgmt + " is up, unchanged", List.of(site.row("up")));
        }
        if (saved.isPresent() && health.problems().size() == 1 && !health.spanningTree()) {
            // a switch started without -F: its tree is turned on where it runs, its ports stay connected
            if (!site.context.dryRun()) {
                try (ManagementClient client = site.open()) {
                    client.send("fstp/setfstp 1");
                }
            }
            verify(new Journal(site.runner));
            String status = "repaired: spanning tree";
            return ActionResult.changed("switch " + site.mgmt + " " + status, List.of(site.row(status)));
        }
        boolean fresh = saved.isEmpty() && !runs && !health.tap() && !site.probe.path("mgmt").exists();
        List<String> repaired = new ArrayList<>();
        Journal journal = new Journal(site.runner);
        // a switch that runs without its tap, sockets or the tap as its endpoint is started again
        boolean restart = runs && !(health.tap() && health.sockets() && health.endpoint());
        if (restart) {
            journal.run("stop broken switch " + site.probe.pid(), site.asSwitchUser(Command.of("kill",
                    site.probe.pid())));
            journal.run("wait for it to exit", SwitchSite.waitForExit(site.probe.pid()));
            journal.flush();
        }
        if ((!runs || restart) && (site.probe.pid() != null || site.probe.path("mgmt").exists())) {
            // a stale pid file makes vde_switch fail, and that failing run deletes the socket directory
            journal.run("remove stale files", site.asSwitchUser(Command.of("rm", "-f", site.pidFile, site.mgmt)));
        }
        Optional<InterfaceState> iface = site.interfaceState();
        String recordFile = site.probe.get("recordfile");
        record(journal, saved, iface, recordFile);
        makeBridge(journal, iface, saved.isPresent(), repaired);
        if (!health.tap()) {
            step(journal, "create tap " + site.tap, site.backend.addTap(site.tap, site.user, site.group),
                    site.backend.deleteTap(site.tap));
            repaired.add("tap");
        }
        if (!health.inBridge()) {
            step(journal, "put tap " + site.tap + " into " + site.bridge, site.backend.joinBridge(site.tap,
                    site.bridge), List.of());
            if (health.tap() && health.bridge()) {
                repaired.add("tap in bridge");
            }
        }
        if (health.bridge() && !health.iface() && saved.isPresent() && saved.get().iface() != null) {
            // the interface create moved left the bridge, or the bridge lost its addresses: put them back
            SwitchRecord moved = saved.get();
            journal.run("put " + moved.iface() + " and its addresses back into " + site.bridge, Command.of("ip",
                    "-force", "-batch", "-").withStdin(InterfaceState.rejoinBatch(moved.iface(), site.bridge,
                    moved.addresses())).asRoot());
            repaired.add("interface in bridge");
        }
        if (health.bridge() && !health.bridgeUp()) {
            step(journal, "bring bridge " + site.bridge + " up", site.backend.up(site.bridge), List.of());
            repaired.add("bridge up");
        }
        if (!runs || restart) {
            start(journal);
            repaired.add("switch");
        }
        try {
            journal.flush();
        } catch (VdeStepException e) {
            if (CLAIM.equals(e.step()) && e.getMessage().contains("exists")) {
                throw beingCreated("its record " + recordFile + " appeared after this run looked");
            }
            throw e;
        }
        verify(journal);
        confirmSafetyNet(journal);
        String status = fresh ? "created" : "repaired: " + (repaired.isEmpty() ? "record" : String.join(", ",
                repaired));
        return ActionResult.changed("switch " + site.mgmt + " " + status, List.of(site.row(status)));
    }

    /**
     * The record is written first, as the login user (with -Z SUDO the sudoers rule needs ip only): when this run is
     * killed half-way, the next cancel or create finds what it made from it. A new record is a claim (noclobber:
     * created only if absent), so of two creates of one switch at the same moment the second stops here, before it
     * has made anything. The text goes to a new file renamed over the record, so that a full disk leaves the old
     * record (or, for a claim, none) instead of an empty one; cat, not the shell, writes it, as it names the error.
     */
    private void record(Journal journal, Optional<SwitchRecord> saved, Optional<InterfaceState> iface,
                        String recordFile) {
        String directory = site.probe.get("recorddir");
        if (!site.probe.path("recdir").exists()) {
            // made by this user with no access for anyone else: what is in it is provably this user's
            journal.run("make the record directory " + directory, Command.of("mkdir", "-m", "0700", "--",
                    directory), Command.of("sh", "-c", "rmdir -- \"$1\" 2>/dev/null; exit 0", "ctys-vde-rmdir",
                    directory));
        }
        boolean claim = !site.probe.path("record").exists();
        journal.run(claim ? CLAIM : "record the switch", Command.of("sh", "-c", "umask 077; set -C; "
                + (claim ? ": > \"$1\" || exit 1; " : "") + "rm -f -- \"$1.new\"; printf '%s' \"$2\" | cat > \"$1.new\" && "
                + "mv -f -- \"$1.new\" \"$1\" || { rm -f -- " + (claim ? "\"$1\" " : "") + "\"$1.new\"; exit 1; }",
                "ctys-vde-state", recordFile, newRecord(saved, iface).text()),
                claim ? new Command[] {Command.of("rm", "-f", recordFile)} : new Command[0]);
    }

    /** Makes the bridge when it is missing: over the interface of {@code -i}, moving what it carries, or empty. */
    private void makeBridge(Journal journal, Optional<InterfaceState> iface, boolean repair, List<String> repaired) {
        if (!site.probe.is("bridge", "no")) {
            return;
        }
        if (site.spec.iface() != null) {
            InterfaceState state = iface.orElseThrow(() -> new UsageException("no interface '" + site.spec.iface()
                    + "' on " + site.context.target() + " (-i)"));
            if (state.master() != null) {
                throw new UsageException("interface " + site.spec.iface() + " on " + site.context.target()
                        + " is already in bridge " + state.master());
            }
            List<String> managers = site.probe.all("ifmanager");
            if (!managers.isEmpty() && !site.spec.force()) {
                throw new EnvironmentException("interface " + state.name() + " on " + site.context.target() + " is "
                        + "managed by " + String.join(" and ", managers) + ", which would undo or fight the move: "
                        + "configure the bridge there (and name it with -b), or force with -f");
            }
            String restore = InterfaceState.restoreBatch(state.name(), site.bridge, state.addresses(),
                    state.routes());
            armSafetyNet(journal, restore);
            // one ip process for all of it; its undo runs also when it fails part-way, and gives back exactly
            // what the interface had
            journal.runUndoingItself("create bridge " + site.bridge + " over " + state.name() + ", moving its "
                            + "addresses and routes", Command.of("ip", "-batch", "-").withStdin(state.enslaveBatch(
                            site.bridge)).asRoot(),
                    Command.of("ip", "-force", "-batch", "-").withStdin(restore).asRoot());
        } else {
            step(journal, "create bridge " + site.bridge, site.backend.addBridge(site.bridge),
                    site.backend.deleteBridge(site.bridge));
        }
        if (repair) {
            repaired.add("bridge");
        }
    }

    /** How long the host waits for this run to confirm a move before it gives the interface back by itself. */
    static final String CONFIRM_SETTING = "CTYS_VDE_CONFIRM_SECONDS";
    private static final int CONFIRM_DEFAULT = 60;
    private static final String SAFETY_NET = Scripts.text(VdePlugin.class, "safety-net.sh");
    private String confirmFile;

    /**
     * Arms the host's safety net before a move of a live interface: unless this run confirms within the grace
     * period that it still reaches the host after the move, the host restores the interface by itself. The undo
     * disarms it (the move's own undo restores).
     */
    private void armSafetyNet(Journal journal, String restore) {
        String grace = site.context.setting(CONFIRM_SETTING).filter(v -> v.matches("[1-9][0-9]{0,4}"))
                .orElse(Integer.toString(CONFIRM_DEFAULT));
        String prefix = site.probe.get("recordfile").replaceAll("\\.ctys$", "");
        confirmFile = prefix + ".confirm";
        // the confirm file is in the login user's own directory: no root needed to write it
        Command disarm = Command.of("touch", "--", confirmFile);
        journal.run("arm the safety net (the host gives " + site.spec.iface() + " back by itself unless this run "
                + "confirms within " + grace + " s)", Command.of("sh", "-c", SAFETY_NET, "ctys-vde-arm", grace,
                prefix + ".restore", confirmFile, restore).asRoot(), disarm);
    }

    /** Confirms a move: this run reached the host after it, so the safety net stands down. */
    private void confirmSafetyNet(Journal journal) {
        if (confirmFile == null) {
            return;
        }
        try {
            site.runner.run(Command.of("touch", "--", confirmFile));
        } catch (CtysException e) {
            throw new EnvironmentException("the host stopped answering after " + site.spec.iface() + " moved into "
                    + site.bridge + " (" + e.getMessage() + "); it gives " + site.spec.iface() + " back by itself "
                    + "when its safety net runs out");
        }
    }

    private void start(Journal journal) {
        String dirMode = site.spec.setgidGroup() != null ? "2770" : "0770";
        String group = site.spec.setgidGroup() != null ? site.spec.setgidGroup() : site.group;
        // the switch runs as its user, who owns the tap: no root for it, its kill or its files, and whoever may use
        // its management socket (which can load plugins into the switch) gains that user's rights, not root's
        List<String> argv = new ArrayList<>(List.of("vde_switch", "-d", "-t", site.tap, "-s", site.sock, "-m",
                "0660", "-g", group, "--dirmode", dirMode, "-M", site.mgmt, "--mgmtmode", "0660", "--mgmtgroup",
                group, "-p", site.pidFile));
        if (site.spec.spanningTree()) {
            argv.add("-F");
        }
        journal.run("start vde_switch on " + site.tap, site.asSwitchUser(Command.of(argv)), this::shutdownQuietly);
        // vde_switch -d says 0 even when the daemon died or runs without its tap: verify
        journal.run("wait for the switch", Command.of("sh", "-c", "i=0; while [ $i -lt 500 ]; do "
                + "[ -s \"$1\" ] && [ -S \"$2\" ] && exit 0; i=$((i+1)); sleep 0.01; done; "
                + "echo \"no pid file or management socket after 5 s\" >&2; exit 1", "ctys-vde-wait",
                site.pidFile, site.mgmt));
    }

    /** Looks at the switch again: what create leaves is healthy by check's definition, or create fails. */
    private void verify(Journal journal) {
        if (site.context.dryRun()) {
            return;
        }
        SwitchSite after = new SwitchSite(site.spec, org.ctys.api.SubOptions.NONE, site.context,
                Probe.run(site.runner, site.spec, site.context.socketBase()));
        SwitchSite.Health health = after.health(after.record());
        if (!health.healthy()) {
            throw journal.failed("verify the switch", String.join("; ", health.problems())
                    + (health.endpoint() ? "" : " (is the tap in use, or /dev/net/tun not accessible?)"));
        }
    }

    /** @return the record of the switch this create makes or repairs */
    private SwitchRecord newRecord(Optional<SwitchRecord> saved, Optional<InterfaceState> iface) {
        // made by this run, or by the run that made the switch being repaired
        boolean created = site.probe.is("bridge", "no") || saved.filter(r -> r.bridge().equals(site.bridge)
                && r.bridgeCreated()).isPresent();
        if (saved.isPresent() && saved.get().iface() != null && !site.probe.is("bridge", "no")) {
            // the interface was moved by the create that made the bridge: what it carried is in that record
            SwitchRecord before = saved.get();
            return new SwitchRecord(site.mgmt, site.probe.get("netns"), site.tap, site.bridge, created, site.user,
                    site.group, before.iface(), before.addresses(), before.routes());
        }
        boolean moves = site.spec.iface() != null && site.probe.is("bridge", "no");
        try {
            return new SwitchRecord(site.mgmt, site.probe.get("netns"), site.tap, site.bridge, created, site.user,
                    site.group, moves ? site.spec.iface() : null,
                    moves ? iface.map(InterfaceState::addresses).orElse(List.of()) : List.of(),
                    moves ? iface.map(InterfaceState::routes).orElse(List.of()) : List.of());
        } catch (IllegalArgumentException e) {
            throw new EnvironmentException("interface " + site.spec.iface() + " on " + site.context.target()
                    + " has " + e.getMessage() + ", which ctys cannot move to a bridge and back");
        }
    }

    /** Runs a backend's commands as one journaled step, with the backend's undo commands. */
    private static void step(Journal journal, String name, List<Command> commands, List<Command> undo) {
        for (int i = 0; i < commands.size(); i++) {
            Command command = commands.get(i).asRoot();
            // the first command makes the thing: its undo must run even when a later command of the step fails
            if (i == 0) {
                journal.run(name, command, undo.stream().map(Command::asRoot).toArray(Command[]::new));
            } else {
                journal.run(name, command);
            }
        }
    }

    /** Undo of a started switch: shut it down through its management socket, or kill it as its user. */
    private boolean shutdownQuietly() {
        try (ManagementClient client = site.open()) {
            client.shutdown();
            return true;
        } catch (CtysException e) {
            try {
                return site.runner.run(site.asSwitchUser(Command.of("sh", "-c", "[ -s \"$1\" ] && kill \"$(cat "
                        + "\"$1\")\"; rm -f \"$1\"", "ctys-vde-stop", site.pidFile))).succeeded();
            } catch (TargetFailureException gone) {
                // the target cannot be reached: the journal says so, instead of "undo failed"
                throw gone;
            } catch (CtysException again) {
                return false;
            }
        }
    }

    /** Another create of this switch, which did not take the lock, is half-way: this run changed nothing. */
    private EnvironmentException beingCreated(String evidence) {
        return new EnvironmentException("switch " + site.mgmt + " on " + site.context.target() + " is being created "
                + "by another run right now (" + evidence + "); nothing was changed; run create again to find it up");
    }
}
