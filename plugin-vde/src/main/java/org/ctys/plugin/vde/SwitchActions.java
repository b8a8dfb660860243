package org.ctys.plugin.vde;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ctys.api.ActionResult;
import org.ctys.api.CtysException;
import org.ctys.api.EnvironmentException;
import org.ctys.api.SubOptions;
import org.ctys.api.UsageException;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandRunner;
import org.ctys.api.exec.LockedLook;
import org.ctys.spi.PluginContext;

/** The VDE actions on one target: create, cancel, check, info, ports, list. */
final class SwitchActions {

    private static final Duration MGMT_TIMEOUT = Duration.ofSeconds(5);

    private final PluginContext context;
    private final CommandRunner runner;
    private final SwitchSpec spec;
    private final Probe probe;
    private final Backend backend;

    /** How long a create or cancel waits for another run's create or cancel on the same host. */
    private static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    /**
     * Runs an action that changes the host under the lock of the switch's directory, taken before the first look
     * and held until the last step: a create and a cancel of one switch (or two creates) never interleave, and a
     * killed holder's lock ends with it. Bad options are refused before anything is locked.
     */
    static <T> T changing(SubOptions options, PluginContext context, java.util.function.Function<SwitchActions, T>
            action) {
        SwitchSpec given = SwitchSpec.of(options, context);
        String base = SwitchSpec.base(context);
        // the first look rides on the lock's round trip
        try (LockedLook locked = context.lockAndLook(given.directory(base), LOCK_WAIT, Probe.command(given, base))) {
            return action.apply(new SwitchActions(given, options, context, Probe.of(locked.look())));
        }
    }

    SwitchActions(SubOptions options, PluginContext context) {
        this(SwitchSpec.of(options, context), options, context, null);
    }

    /**
     * @param given the switch as the options name it, already checked
     * @param looked the probe of {@code given}, taken under the lock, or {@code null} to probe now
     */
    private SwitchActions(SwitchSpec given, SubOptions options, PluginContext context, Probe looked) {
        this.context = context;
        this.runner = context.runner();
        String base = SwitchSpec.base(context);
        // one round trip: without -u, the probe itself takes the login user's paths, and the tap it derived says
        // whether they are the ones named here (a target without sha256sum is looked at once more)
        Probe first = looked != null ? looked : Probe.run(runner, given, base);
        if (given.user() == null) {
            given = given.withUser(first.get("login"), first.get("logingroup")).withDefaults(base);
            if (!given.tap().equals(first.get("derivedtap"))) {
                first = Probe.run(runner, given, base);
            }
        }
        if (given.user() != null && first.get("user") == null) {
            throw new UsageException("no user '" + given.user() + "' on " + context.target() + " (-u)");
        }
        if (given.group() != null && first.get("group") == null && first.get("usergroup") != null
                && !given.group().equals(first.get("usergroup"))) {
            throw new UsageException("no group '" + given.group() + "' on " + context.target() + " (-u user.group)");
        }
        this.spec = given.withUser(given.user(), first.get("usergroup"));
        this.probe = first;
        this.backend = options.has("legacy") || first.get("iproute2") == null
                ? Backend.LEGACY : Backend.IPROUTE2;
        if (backend == Backend.LEGACY && spec.iface() != null) {
            throw new UsageException("enslaving an interface (-i) needs iproute2 (ip) on " + context.target());
        }
    }

    /**
     * @return what the last create recorded, from the login user's private record directory; empty when there is
     *     no record
     * @throws EnvironmentException when the directory or the record is not provably this user's own, or a value
     *     in it is not valid: root acts only on what it can prove it wrote
     */
    private java.util.Optional<SwitchRecord> record() {
        int uid = probe.number("loginuid");
        if (uid < 0 || !probe.get("recordfile").startsWith(probe.get("recorddir") + "/")
                || !probe.get("recorddir").startsWith("/")) {
            throw new EnvironmentException("the look at " + context.target() + " reported no user id or record "
                    + "directory (is CTYS_SOCKBASE an absolute path?)");
        }
        PathState directory = probe.path("recdir", probe.get("recorddir"));
        if (directory.exists() && (directory.symlink() || !directory.type().equals("directory")
                || directory.uid() != uid || directory.writableByOthers())) {
            throw new EnvironmentException("refusing the record directory " + directory.path() + ": it is "
                    + describe(directory) + ", not a directory of " + probe.get("login") + "'s that only it can write"
                    + " (remove it, or set CTYS_SOCKBASE to a directory others cannot write)");
        }
        PathState file = probe.path("record", probe.get("recordfile"));
        if (!file.exists()) {
            return java.util.Optional.empty();
        }
        if (file.symlink() || !file.type().equals("regular file") || file.uid() != uid || file.writableByOthers()) {
            throw new EnvironmentException("refusing the switch record " + file.path() + ": it is " + describe(file)
                    + ", not a file of " + probe.get("login") + "'s that only it can write");
        }
        SwitchRecord record;
        try {
            record = SwitchRecord.parse(probe.all("saved"));
        } catch (IllegalArgumentException e) {
            throw new EnvironmentException("refusing the switch record " + file.path() + " (owner " + file.owner()
                    + "): '" + e.getMessage() + "' is not valid there");
        }
        if (!record.mgmt().equals(spec.mgmt())) {
            throw new EnvironmentException("refusing the switch record " + file.path() + ": it is the record of "
                    + record.mgmt() + ", not of " + spec.mgmt());
        }
        return java.util.Optional.of(record);
    }

    private static String describe(PathState path) {
        return path.symlink() ? "a symbolic link" : "a " + path.type() + " of " + path.owner() + " with mode "
                + path.mode();
    }

    /**
     * @return whether the pid file names this switch's live process: vde_switch, run by root or the switch's user,
     *     on this switch's sockets, in this network namespace
     * @throws EnvironmentException when it names a live process that is not that switch (a pid file is written
     *     by the switch's user, in a directory others may write: it is never taken on its word)
     */
    private boolean switchRuns() {
        String why = whyNotTheSwitch();
        if (why != null) {
            throw new EnvironmentException("refusing the pid file " + spec.pidFile() + " (owner "
                    + probe.owner("pidf") + "): process " + probe.pid() + " is not the switch of " + spec.mgmt()
                    + ": " + why);
        }
        return probe.alive();
    }

    /** @return why the live process of the pid file is not the switch, or {@code null} (also when none lives) */
    private String whyNotTheSwitch() {
        java.util.Set<Integer> owners = new java.util.HashSet<>(List.of(0, probe.number("useruid")));
        return probe.process().map(p -> p.notTheSwitch(spec.sock(), spec.mgmt(), owners, probe.get("netns"))).orElse(null);
    }

    /** Runs a backend's commands as one journaled step, with the backend's undo commands. */
    private void step(Journal journal, String name, List<Command> commands, List<Command> undo) {
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

    /** The first step of a new switch: its record, written only when there is none. */
    private static final String CLAIM = "record the new switch (claim it)";

    ActionResult create() {
        refuseForeignPaths();
        java.util.Optional<SwitchRecord> saved = record();
        boolean runs = switchRuns();
        if (probe.is("bridge", "other")) {
            throw new UsageException("'" + spec.bridge() + "' on " + context.target() + " is not a bridge (-b)");
        }
        if (runs && saved.isPresent() && healthy()) {
            return ActionResult.unchanged("switch " + spec.mgmt() + " is up, unchanged", List.of(record("up")));
        }
        Journal journal = new Journal(runner);
        String status = "created";
        if (runs) {
            // a switch without its tap or management socket: stop it and start it again (repair)
            status = "repaired";
            journal.run("stop broken switch " + probe.pid(), asSwitchUser(Command.of("kill", probe.pid())));
            journal.flush();
            waitForExit(probe.pid());
        }
        if (probe.get("pid") != null || probe.exists("mgmt")) {
            // a stale pid file makes vde_switch fail, and that failing run deletes the socket directory (V2)
            journal.run("remove stale files", asSwitchUser(Command.of("rm", "-f", spec.pidFile(), spec.mgmt())));
            status = "repaired";
        }
        // recorded first, as the login user (with -Z SUDO the sudoers rule needs ip only): when this
        // run is killed half-way, the next cancel or create finds what it made from this record
        // a new record is a claim (noclobber: created only if absent), so of two creates of one switch at the
        // same moment the second stops here, before it has made anything, instead of undoing the first's record
        // the text goes to a new file renamed over the record, so that a full disk leaves the old record (or, for
        // a claim, none) instead of an empty one; cat, not the shell, writes it, as it names the error (dash says
        // "I/O error" for a full disk)
        java.util.Optional<InterfaceState> iface = interfaceState();
        boolean fresh = saved.isEmpty();
        String recordFile = probe.get("recordfile");
        if (!probe.path("recdir", probe.get("recorddir")).exists()) {
            // made by this user with no access for anyone else: what is in it is provably this user's
            journal.run("make the record directory " + probe.get("recorddir"), Command.of("mkdir", "-m", "0700",
                    "--", probe.get("recorddir")), Command.of("sh", "-c", "rmdir -- \"$1\" 2>/dev/null; exit 0",
                    "ctys-vde-rmdir", probe.get("recorddir")));
        }
        journal.run(fresh ? CLAIM : "record the switch", Command.of("sh", "-c", "umask 077; set -C; "
                + (fresh ? ": > \"$1\" || exit 1; " : "") + "rm -f -- \"$1.new\"; printf '%s' \"$2\" | cat > \"$1.new\" && "
                + "mv -f -- \"$1.new\" \"$1\" || { rm -f -- " + (fresh ? "\"$1\" " : "") + "\"$1.new\"; exit 1; }",
                "ctys-vde-state", recordFile, newRecord(saved, iface).text()),
                fresh ? new Command[] {Command.of("rm", "-f", recordFile)} : new Command[0]);
        if (spec.iface() != null && probe.is("bridge", "no")) {
            InterfaceState state = iface.orElseThrow(() -> new UsageException("no interface '" + spec.iface()
                    + "' on " + context.target() + " (-i)"));
            if (state.master() != null) {
                throw new UsageException("interface " + spec.iface() + " on " + context.target() + " is already in "
                        + "bridge " + state.master());
            }
            // one ip process for all of it; its undo runs also when it fails part-way, and gives back exactly
            // what the interface had
            journal.runUndoingItself("create bridge " + spec.bridge() + " over " + spec.iface() + ", moving its "
                            + "addresses and routes", Command.of("ip", "-batch", "-").withStdin(enslave(state)).asRoot(),
                    Command.of("ip", "-force", "-batch", "-").withStdin(restore(state.name(), spec.bridge(),
                            state.addresses(), state.routes())).asRoot());
        } else if (probe.is("bridge", "no")) {
            step(journal, "create bridge " + spec.bridge(), backend.addBridge(spec.bridge()),
                    backend.deleteBridge(spec.bridge()));
        }
        String tap = spec.tap();
        if (!probe.is("tap", "yes")) {
            step(journal, "create tap " + tap, backend.addTap(tap, spec.user(), spec.group()),
                    backend.deleteTap(tap));
        }
        step(journal, "put tap " + tap + " into " + spec.bridge(), backend.joinBridge(tap, spec.bridge()),
                List.of());
        String dirMode = spec.setgidGroup() != null ? "2770" : "0770";
        String group = spec.setgidGroup() != null ? spec.setgidGroup() : spec.group();
        // the switch runs as its user, who owns the tap: no root for it, its kill or its files, and whoever may use
        // its management socket (which can load plugins into the switch) gains that user's rights, not root's
        journal.run("start vde_switch on " + tap, asSwitchUser(Command.of("vde_switch", "-d", "-t", tap, "-s",
                        spec.sock(), "-m", "0660", "-g", group, "--dirmode", dirMode, "-M", spec.mgmt(), "--mgmtmode",
                        "0660", "--mgmtgroup", group, "-p", spec.pidFile())),
                this::shutdownQuietly);
        // vde_switch -d says 0 even when the daemon died or runs without its tap (V1, V3): verify
        journal.run("wait for the switch", Command.of("sh", "-c", "i=0; while [ $i -lt 500 ]; do "
                + "[ -s \"$1\" ] && [ -S \"$2\" ] && exit 0; i=$((i+1)); sleep 0.01; done; "
                + "echo \"no pid file or management socket after 5 s\" >&2; exit 1", "ctys-vde-wait",
                spec.pidFile(), spec.mgmt()));
        try {
            journal.flush();
        } catch (VdeStepException e) {
            if (CLAIM.equals(e.step()) && e.getMessage().contains("exists")) {
                throw beingCreated("its record " + recordFile + " appeared after this run looked");
            }
            throw e;
        }
        if (!context.dryRun() && !healthy()) {
            throw journal.failed("verify the switch", "the switch runs without its tap " + tap
                    + " (is the tap in use, or /dev/net/tun not accessible?)");
        }
        return ActionResult.changed("switch " + spec.mgmt() + " " + status, List.of(record(status)));
    }

    ActionResult cancel() {
        java.util.Optional<SwitchRecord> saved = record();
        if (probe.get("pid") == null && saved.isEmpty() && !probe.exists("mgmt")) {
            return ActionResult.unchanged("no switch at " + spec.mgmt(), List.of());
        }
        refuseForeignPaths();
        boolean runs = switchRuns();
        boolean stopped = false;
        if (runs && !context.dryRun()) {
            try (ManagementClient client = open()) {
                List<Port> attached = Port.parse(client.send("port/print").data()).stream()
                        .filter(Port::program).toList();
                if (!attached.isEmpty() && !spec.force()) {
                    throw new UsageException("switch " + spec.mgmt() + " on " + context.target() + " has "
                            + attached.size() + " attached VM port(s) (" + String.join("; ", attached.stream()
                            .flatMap(p -> p.endpoints().stream()).toList()) + "); stop them first or force with -f");
                }
                client.shutdown();
                stopped = true;
            } catch (EnvironmentException e) {
                if (!spec.force()) {
                    throw new EnvironmentException("switch " + spec.mgmt() + " on " + context.target()
                            + " does not answer on its management socket (" + e.getMessage() + "); -f kills it");
                }
            }
        }
        // the rest is one batch, one round trip: what is done is decided from the probe, not by asking again
        Steps steps = new Steps();
        if (runs && (!stopped || context.dryRun())) {
            // forced: a switch that does not answer may be stopped or hung, where only KILL works
            steps.add("kill switch", asSwitchUser(Command.of("kill", "-KILL", probe.pid())));
        }
        if (runs) {
            steps.add("wait for the switch to exit", waitForExitCommand(probe.pid()));
        }
        // a switch that shut down removed its sockets and pid file itself; what a killed one left is its user's
        boolean leftovers = !stopped || context.dryRun();
        String tap = saved.map(SwitchRecord::tap).orElse(spec.tap());
        if (probe.is("tap", "yes")) {
            for (Command command : backend.deleteTap(tap)) {
                steps.add("delete tap " + tap, command.asRoot());
            }
        }
        String bridge = saved.map(SwitchRecord::bridge).orElse(spec.bridge());
        if (saved.isPresent() && saved.get().iface() != null) {
            // give the interface its addresses and routes back, and remove the bridge create made over it
            SwitchRecord moved = saved.get();
            steps.add("give " + moved.iface() + " its addresses and routes back", Command.of("ip", "-force",
                    "-batch", "-").withStdin(restore(moved.iface(), bridge, moved.addresses(), moved.routes()))
                    .asRoot());
        } else if (saved.isPresent() && saved.get().bridgeCreated()
                && probe.all("savedbridgemember").stream().allMatch(tap::equals)) {
            // remove the bridge only when this tool created it and nothing but our tap is in it
            for (Command command : backend.deleteBridge(bridge)) {
                steps.add("delete bridge " + bridge, command.asRoot());
            }
        }
        String recordFile = probe.get("recordfile");
        // the record directory goes with its last record
        steps.add("remove the record", Command.of("sh", "-c", "rm -f -- \"$1\" \"$1.new\" && { rmdir -- \"$2\" "
                + "2>/dev/null; exit 0; }", "ctys-vde-unrecord", recordFile, probe.get("recorddir")));
        if (leftovers) {
            steps.add("remove what the switch left", asSwitchUser(Command.of("rm", "-rf", "--", spec.pidFile(),
                    spec.mgmt(), spec.sock())));
        }
        steps.run();
        return ActionResult.changed("switch " + spec.mgmt() + " cancelled", List.of(record("cancelled")));
    }

    ActionResult check() {
        List<String> problems = new ArrayList<>();
        java.util.Optional<SwitchRecord> saved = record();
        String notTheSwitch = whyNotTheSwitch();
        boolean runs = probe.alive() && notTheSwitch == null;
        if (notTheSwitch != null) {
            problems.add("the pid file " + spec.pidFile() + " names process " + probe.pid() + ", which is not the "
                    + "switch: " + notTheSwitch);
        } else if (!runs) {
            problems.add(probe.get("pid") == null ? "no switch running (no pid file " + spec.pidFile() + ")"
                    : "switch process " + probe.pid() + " is dead (stale pid file)");
        }
        // the bridge create used, unless -b names another one to check against
        String bridge = saved.isPresent() && SwitchSpec.DEFAULT_BRIDGE.equals(spec.bridge())
                ? saved.get().bridge() : spec.bridge();
        if (!probe.is("tap", "yes")) {
            problems.add("tap " + spec.tap() + " does not exist");
        } else if (!runner.run(Command.of("ls", "/sys/class/net/" + bridge + "/brif").asReadOnly()).stdout()
                .lines().anyMatch(spec.tap()::equals)) {
            problems.add("tap " + spec.tap() + " is not in bridge " + bridge);
        }
        for (PathState path : List.of(probe.path("sock", spec.sock()), probe.path("mgmt", spec.mgmt()))) {
            String kind = path.path().equals(spec.sock()) ? "directory" : "socket";
            if (!path.exists()) {
                problems.add((kind.equals("socket") ? "management socket " : "data socket ") + path.path()
                        + " is missing");
            } else if (!path.type().equals(kind)) {
                problems.add(path.path() + " is not a " + kind + ": " + describe(path));
            } else if (!path.owner().equals("root") && !path.owner().equals(spec.user()) || path.openToOthers()) {
                // owner root (the switch runs as root) or the user; no access for others
                problems.add(path.path() + " has owner " + path.owner() + " and mode " + path.mode() + "; expected "
                        + "root or " + spec.user() + ", no access for others");
            }
        }
        if (runs && problems.isEmpty() && !healthy()) {
            problems.add("the switch does not have tap " + spec.tap() + " as an endpoint");
        }
        if (!problems.isEmpty()) {
            throw new EnvironmentException("switch " + spec.mgmt() + " on " + context.target() + " is not healthy: "
                    + String.join("; ", problems));
        }
        return ActionResult.unchanged("switch " + spec.mgmt() + " is healthy", List.of(record("healthy")));
    }

    /** @return the endpoint of this user's switch when it is healthy */
    java.util.Optional<org.ctys.spi.SwitchEndpoint> endpoint() {
        return probe.alive() && whyNotTheSwitch() == null && healthy() ? java.util.Optional.of(endpointOf())
                : java.util.Optional.empty();
    }

    /** @return where this user's switch is reached, whether it is up or not */
    org.ctys.spi.SwitchEndpoint endpointOf() {
        return new org.ctys.spi.SwitchEndpoint(spec.user(), spec.sock(), spec.mgmt());
    }

    ActionResult info() {
        try (ManagementClient client = open()) {
            ManagementClient.Reply reply = client.send("showinfo");
            Map<String, Object> row = new LinkedHashMap<>(SwitchInfo.parse(reply.data()));
            row.put("switch", spec.mgmt());
            return ActionResult.unchanged("showinfo", List.of(row));
        }
    }

    ActionResult ports() {
        try (ManagementClient client = open()) {
            return ActionResult.unchanged("port/print", Port.parse(client.send("port/print").data()).stream()
                    .map(Port::record).toList());
        }
    }

    ActionResult list(boolean all) {
        String base = SwitchSpec.base(context);
        String out = runner.run(Command.of("sh", "-c", "for f in \"$1\"/vde_switch*; do [ -e \"$f\" ] && "
                + "stat -c '%n|%U|%G|%A' \"$f\"; done; exit 0", "ctys-vde-list", base).asReadOnly()).stdout();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] fields = line.split("\\|");
            if (fields.length < 4 || !all && !fields[0].endsWith("." + spec.user())) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("switch", fields[0]);
            row.put("uid", fields[1]);
            row.put("gid", fields[2]);
            row.put("access", fields[3]);
            rows.add(row);
        }
        return ActionResult.unchanged(rows.size() + " switches", rows);
    }

    private boolean healthy() {
        if (context.dryRun()) {
            return true;
        }
        try (ManagementClient client = open()) {
            return Port.parse(client.send("port/print").data()).stream().anyMatch(p -> spec.tap().equals(p.tap()));
        } catch (CtysException e) {
            return false;
        }
    }

    private ManagementClient open() {
        if (context.dryRun()) {
            throw new EnvironmentException("a dry run does not talk to the switch");
        }
        return new ManagementClient(context.connect(spec.mgmt(), MGMT_TIMEOUT), spec.mgmt());
    }

    private void refuseForeignPaths() {
        for (String path : List.of("sock", "mgmt", "pidf")) {
            if ("symlink".equals(probe.get(path))) {
                throw new EnvironmentException("refusing to use " + which(path) + ": it is a symbolic link, "
                        + "possibly planted in a shared CTYS_SOCKBASE");
            }
            String owner = probe.owner(path);
            if (owner != null && !owner.equals("root") && !owner.equals(spec.user())) {
                throw new EnvironmentException("refusing to use " + which(path) + ": it belongs to " + owner
                        + ", not to root or " + spec.user());
            }
        }
    }

    private String which(String path) {
        return switch (path) {
            case "sock" -> spec.sock();
            case "mgmt" -> spec.mgmt();
            default -> spec.pidFile();
        };
    }

    /** Undo of a started switch: shut it down through its management socket, or kill it as root. */
    private boolean shutdownQuietly() {
        try (ManagementClient client = open()) {
            client.shutdown();
            return true;
        } catch (CtysException e) {
            try {
                return runner.run(asSwitchUser(Command.of("sh", "-c", "[ -s \"$1\" ] && kill \"$(cat \"$1\")\"; "
                        + "rm -f \"$1\"", "ctys-vde-stop", spec.pidFile()))).succeeded();
            } catch (org.ctys.api.TargetFailureException gone) {
                // the target cannot be reached: the journal says so, instead of "undo failed"
                throw gone;
            } catch (CtysException again) {
                return false;
            }
        }
    }

    private void waitForExit(String pid) {
        runner.run(waitForExitCommand(pid));
    }

    /**
     * Waits up to 5 s; a stopped daemon stays a zombie for a second or two here (testbed addendum): Z is gone. The
     * state is read by the shell itself (the field after the command name, which may hold spaces), and looked at
     * every 10 ms: a switch that was told to shut down is usually gone at the first or second look.
     */
    private static Command waitForExitCommand(String pid) {
        return Command.of("sh", "-c", "i=0; while [ $i -lt 500 ]; do l=; read -r l 2>/dev/null < /proc/$1/stat; "
                + "s=${l##*) }; case ${s%% *} in ''|Z) exit 0;; esac; i=$((i+1)); sleep 0.01; done; exit 0",
                "ctys-vde-wait-exit", pid);
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
            List<org.ctys.api.exec.CommandResult> results = runner.runAll(commands);
            for (int i = 0; i < results.size(); i++) {
                if (!results.get(i).succeeded()) {
                    throw new VdeStepException("step '" + names.get(i) + "' failed: "
                            + Journal.lastLine(results.get(i).stderr()));
                }
            }
        }
    }

    /**
     * A command of the switch's own (start, kill, its files): as the login user when that is the switch's user; else
     * (root making a switch for a user) through {@code runuser}, which needs root. Where users cannot open
     * {@code /dev/net/tun} (Debian makes it 0666; some hosts keep it 0600), the switch cannot run as its user and
     * runs as root, as the original's did.
     */
    private Command asSwitchUser(Command command) {
        if (!probe.is("tunforall", "yes") && !"root".equals(spec.user())) {
            return command.asRoot();
        }
        if (spec.user().equals(probe.get("login"))) {
            return command;
        }
        List<String> argv = new ArrayList<>(List.of("runuser", "-u", spec.user(), "--"));
        argv.addAll(command.argv());
        return Command.of(argv).asRoot();
    }

    /** Another create of this switch, which did not take the lock, is half-way: this run changed nothing. */
    private EnvironmentException beingCreated(String evidence) {
        return new EnvironmentException("switch " + spec.mgmt() + " on " + context.target() + " is being created "
                + "by another run right now (" + evidence + "); nothing was changed; run create again to find it up");
    }

    /** @return the state of the interface {@code -i} names, empty when there is none (or no {@code -i}) */
    private java.util.Optional<InterfaceState> interfaceState() {
        if (probe.get("ifjlink") == null) {
            return java.util.Optional.empty();
        }
        org.ctys.spi.DataParser json = context.service(org.ctys.spi.DataParser.class).orElseThrow(
                () -> new EnvironmentException("this ctys offers plugins no DataParser; update ctys"));
        try {
            return java.util.Optional.of(InterfaceState.parse(json.json(probe.get("ifjlink"), "ip -j link"),
                    json.json(probe.get("ifjaddr"), "ip -j addr"), json.json(probe.get("ifjroute"), "ip -j route")));
        } catch (IllegalArgumentException | ClassCastException | UsageException e) {
            throw new EnvironmentException("cannot read interface " + spec.iface() + " on " + context.target()
                    + ": " + e.getMessage());
        }
    }

    /** @return the record of the switch this create makes or repairs */
    private SwitchRecord newRecord(java.util.Optional<SwitchRecord> saved, java.util.Optional<InterfaceState> iface) {
        // made by this run, or by the run that made the switch being repaired
        boolean created = probe.is("bridge", "no") || saved.filter(r -> r.bridge().equals(spec.bridge())
                && r.bridgeCreated()).isPresent();
        boolean moves = spec.iface() != null && created;
        try {
            return new SwitchRecord(spec.mgmt(), spec.tap(), spec.bridge(), created, spec.user(), spec.group(),
                    moves ? spec.iface() : null, moves ? iface.map(InterfaceState::addresses).orElse(List.of())
                    : List.of(), moves ? iface.map(InterfaceState::routes).orElse(List.of()) : List.of());
        } catch (IllegalArgumentException e) {
            throw new EnvironmentException("interface " + spec.iface() + " on " + context.target() + " has "
                    + e.getMessage() + ", which ctys cannot move to a bridge and back");
        }
    }

    /**
     * The ip batch that puts an interface into a new bridge and moves what it carries there, in an order that keeps
     * the host reachable: the bridge gets the interface's MAC (neighbours' caches stay right), MTU and addresses
     * while the interface still has them, the interface joins it, its routes move, and only then are its addresses
     * taken off it (secondaries before their primary, whose removal would take them along).
     */
    private String enslave(InterfaceState state) {
        StringBuilder batch = new StringBuilder();
        String bridge = spec.bridge();
        batch.append("link add name ").append(bridge).append(" type bridge\n");
        if (state.mac() != null) {
            batch.append("link set dev ").append(bridge).append(" address ").append(state.mac()).append('\n');
        }
        batch.append("link set dev ").append(bridge).append(" mtu ").append(state.mtu()).append('\n');
        batch.append("link set dev ").append(bridge).append(" up\n");
        for (String address : state.addresses()) {
            // an IPv6 address is this host's already: the bridge need not probe the network for it again
            String flags = address.indexOf(':') > 0 && !address.contains(" nodad") ? " nodad" : "";
            batch.append("addr add ").append(address).append(flags).append(" dev ").append(bridge).append('\n');
        }
        batch.append("link set dev ").append(state.name()).append(" master ").append(bridge).append('\n');
        for (String route : state.routes()) {
            batch.append("route replace ").append(route).append(" dev ").append(bridge).append('\n');
        }
        List<String> last = new ArrayList<>(state.addresses());
        java.util.Collections.reverse(last);
        for (String address : last) {
            batch.append("addr del ").append(address.split(" ")[0]).append(" dev ").append(state.name()).append('\n');
        }
        return batch.toString();
    }

    /**
     * The ip batch that gives an interface back what {@link #enslave} moved, exactly, and removes the bridge; run
     * with {@code -force}, it also mends a move that stopped part-way (every line is one that may already hold).
     */
    private static String restore(String iface, String bridge, List<String> addresses, List<String> routes) {
        StringBuilder batch = new StringBuilder();
        for (String address : addresses) {
            batch.append("addr replace ").append(address).append(" dev ").append(iface).append('\n');
        }
        batch.append("link set dev ").append(iface).append(" nomaster\n");
        for (String route : routes) {
            batch.append("route replace ").append(route).append(" dev ").append(iface).append('\n');
        }
        batch.append("link del dev ").append(bridge).append('\n');
        return batch.toString();
    }

    private Map<String, Object> record(String status) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("switch", spec.mgmt());
        row.put("sock", spec.sock());
        row.put("tap", spec.tap());
        row.put("bridge", spec.bridge());
        row.put("user", spec.user());
        row.put("group", spec.group());
        row.put("status", status);
        return row;
    }
}
