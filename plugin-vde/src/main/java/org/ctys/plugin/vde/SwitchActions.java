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
        if (probe.is("bridge", "other")) {
            throw new UsageException("'" + spec.bridge() + "' on " + context.target() + " is not a bridge (-b)");
        }
        if (probe.alive() && probe.exists("state") && healthy()) {
            return ActionResult.unchanged("switch " + spec.mgmt() + " is up, unchanged", List.of(record("up")));
        }
        Journal journal = new Journal(runner);
        String status = "created";
        if (probe.alive()) {
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
        boolean fresh = !probe.exists("state");
        journal.run(fresh ? CLAIM : "record the switch", Command.of("sh", "-c", "umask 022; set -C; "
                + (fresh ? ": > \"$1\" || exit 1; " : "") + "rm -f -- \"$1.new\"; printf '%s' \"$2\" | cat > \"$1.new\" && "
                + "mv -f -- \"$1.new\" \"$1\" || { rm -f -- " + (fresh ? "\"$1\" " : "") + "\"$1.new\"; exit 1; }",
                "ctys-vde-state", spec.stateFile(), stateText()),
                fresh ? new Command[] {Command.of("rm", "-f", spec.stateFile())} : new Command[0]);
        if (spec.iface() != null && probe.is("bridge", "no")) {
            if (probe.get("ifmac") == null) {
                throw new UsageException("no interface '" + spec.iface() + "' on " + context.target() + " (-i)");
            }
            if (probe.get("ifmaster") != null) {
                throw new UsageException("interface " + spec.iface() + " on " + context.target() + " is already in "
                        + "bridge " + probe.get("ifmaster"));
            }
            // one ip process for all of it, so that a session over the interface is cut for no longer than that
            journal.run("create bridge " + spec.bridge() + " over " + spec.iface() + ", moving its addresses and "
                            + "routes", Command.of("ip", "-batch", "-").withStdin(enslave()).asRoot(),
                    Command.of("ip", "-force", "-batch", "-").withStdin(restore(spec.iface(), spec.bridge(),
                            probe.get("ifaddrs"), probe.get("ifroutes"))).asRoot());
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
                throw beingCreated("its record " + spec.stateFile() + " appeared after this run looked");
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
        if (probe.get("pid") == null && !probe.exists("state") && !probe.exists("mgmt")) {
            return ActionResult.unchanged("no switch at " + spec.mgmt(), List.of());
        }
        refuseForeignPaths();
        boolean stopped = false;
        if (probe.alive() && !context.dryRun()) {
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
        if (probe.alive() && (!stopped || context.dryRun())) {
            // forced: a switch that does not answer may be stopped or hung, where only KILL works
            steps.add("kill switch", asSwitchUser(Command.of("kill", "-KILL", probe.pid())));
        }
        if (probe.pid() != null) {
            steps.add("wait for the switch to exit", waitForExitCommand(probe.pid()));
        }
        // a switch that shut down removed its sockets and pid file itself; what a killed one left is its user's
        boolean leftovers = !stopped || context.dryRun();
        String tap = probe.get("saved.tap") != null ? probe.get("saved.tap") : spec.tap();
        if (probe.is("tap", "yes")) {
            for (Command command : backend.deleteTap(tap)) {
                steps.add("delete tap " + tap, command.asRoot());
            }
        }
        String bridge = probe.get("saved.bridge") != null ? probe.get("saved.bridge") : spec.bridge();
        String iface = probe.get("saved.iface");
        if (iface != null && !iface.isEmpty()) {
            // give the interface its addresses and routes back, and remove the bridge create made over it
            steps.add("give " + iface + " its addresses and routes back", Command.of("ip", "-force", "-batch", "-")
                    .withStdin(restore(iface, bridge, probe.get("saved.ifaddrs"), probe.get("saved.ifroutes")))
                    .asRoot());
        } else if ("yes".equals(probe.get("saved.bridgecreated")) && probe.get("savedbridgemembers") != null
                && List.of(probe.get("savedbridgemembers").split(",")).stream()
                .allMatch(m -> m.isEmpty() || m.equals(tap))) {
            // remove the bridge only when this tool created it and nothing but our tap is in it
            for (Command command : backend.deleteBridge(bridge)) {
                steps.add("delete bridge " + bridge, command.asRoot());
            }
        }
        steps.add("remove the state file", Command.of("rm", "-f", "--", spec.stateFile(), spec.stateFile() + ".new"));
        if (leftovers) {
            steps.add("remove what the switch left", asSwitchUser(Command.of("rm", "-rf", "--", spec.pidFile(),
                    spec.mgmt(), spec.sock())));
        }
        steps.run();
        return ActionResult.changed("switch " + spec.mgmt() + " cancelled", List.of(record("cancelled")));
    }

    ActionResult check() {
        List<String> problems = new ArrayList<>();
        if (!probe.alive()) {
            problems.add(probe.get("pid") == null ? "no switch running (no pid file " + spec.pidFile() + ")"
                    : "switch process " + probe.pid() + " is dead (stale pid file)");
        }
        // the bridge create used, unless -b names another one to check against
        String bridge = probe.get("saved.bridge") != null && SwitchSpec.DEFAULT_BRIDGE.equals(spec.bridge())
                ? probe.get("saved.bridge") : spec.bridge();
        if (!probe.is("tap", "yes")) {
            problems.add("tap " + spec.tap() + " does not exist");
        } else if (!runner.run(Command.of("ls", "/sys/class/net/" + bridge + "/brif").asReadOnly()).stdout()
                .lines().anyMatch(spec.tap()::equals)) {
            problems.add("tap " + spec.tap() + " is not in bridge " + bridge);
        }
        for (String path : List.of("sock", "mgmt")) {
            String stat = probe.get(path);
            if (stat == null || stat.equals("none")) {
                problems.add((path.equals("sock") ? "data socket " + spec.sock() : "management socket "
                        + spec.mgmt()) + " is missing");
            } else if (!stat.endsWith(path.equals("mgmt") ? "socket" : "directory")) {
                problems.add((path.equals("sock") ? spec.sock() : spec.mgmt()) + " is not a "
                        + (path.equals("mgmt") ? "socket" : "directory") + ": " + stat);
            } else {
                // owner root (the switch runs as root) or the user; no access for others
                String[] fields = stat.split(" ");
                String mode = fields[1];
                if (!fields[0].equals("root") && !fields[0].equals(spec.user())
                        || mode.charAt(mode.length() - 1) != '0') {
                    problems.add((path.equals("sock") ? spec.sock() : spec.mgmt()) + " has owner " + fields[0]
                            + " and mode " + mode + "; expected root or " + spec.user() + ", no access for others");
                }
            }
        }
        if (probe.alive() && problems.isEmpty() && !healthy()) {
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
        return probe.alive() && healthy() ? java.util.Optional.of(endpointOf()) : java.util.Optional.empty();
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
        for (String path : List.of("sock", "mgmt", "pidf", "state")) {
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
            case "pidf" -> spec.pidFile();
            default -> spec.stateFile();
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

    private String stateText() {
        // made by this run, or by the run that made the switch being repaired
        boolean created = probe.is("bridge", "no") || spec.bridge().equals(probe.get("saved.bridge"))
                && "yes".equals(probe.get("saved.bridgecreated"));
        String moved = spec.iface() == null || !created ? "" : "iface=" + spec.iface() + "\nifaddrs="
                + nz(probe.get("ifaddrs")) + "\nifroutes=" + nz(probe.get("ifroutes")) + "\n";
        return "tap=" + spec.tap() + "\nbridge=" + spec.bridge() + "\nbridgecreated=" + (created ? "yes" : "no")
                + "\nuser=" + spec.user() + "\ngroup=" + spec.group() + "\n" + moved;
    }

    private static String nz(String text) {
        return text == null ? "" : text;
    }

    /** The ip batch that puts {@code iface} into a new bridge and moves its addresses and routes there. */
    private String enslave() {
        StringBuilder batch = new StringBuilder();
        batch.append("link add name ").append(spec.bridge()).append(" type bridge\n");
        if (probe.get("ifmac") != null) {
            // the bridge keeps the interface's MAC, so neighbours' ARP caches stay right
            batch.append("link set dev ").append(spec.bridge()).append(" address ").append(probe.get("ifmac"))
                    .append('\n');
        }
        batch.append("link set dev ").append(spec.bridge()).append(" up\n");
        batch.append("link set dev ").append(spec.iface()).append(" master ").append(spec.bridge()).append('\n');
        for (String address : split(probe.get("ifaddrs"))) {
            batch.append("addr del ").append(address).append(" dev ").append(spec.iface()).append('\n');
            batch.append("addr add ").append(address).append(broadcast(address)).append(" dev ")
                    .append(spec.bridge()).append('\n');
        }
        for (String route : split(probe.get("ifroutes"))) {
            batch.append("route replace ").append(route).append(" dev ").append(spec.bridge()).append('\n');
        }
        return batch.toString();
    }

    /** The ip batch that undoes {@link #enslave()}: addresses and routes back on the interface, bridge gone. */
    private static String restore(String iface, String bridge, String addresses, String routes) {
        StringBuilder batch = new StringBuilder();
        batch.append("link set dev ").append(iface).append(" nomaster\n");
        for (String address : split(addresses)) {
            batch.append("addr del ").append(address).append(" dev ").append(bridge).append('\n');
            batch.append("addr add ").append(address).append(broadcast(address)).append(" dev ").append(iface)
                    .append('\n');
        }
        for (String route : split(routes)) {
            batch.append("route replace ").append(route).append(" dev ").append(iface).append('\n');
        }
        batch.append("link del dev ").append(bridge).append('\n');
        return batch.toString();
    }

    /** IPv4 addresses get their broadcast address back, as they had it. */
    private static String broadcast(String address) {
        return address.indexOf(':') < 0 ? " brd +" : "";
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isBlank() ? List.of() : List.of(joined.split(";"));
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
