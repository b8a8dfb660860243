package org.ctys.plugin.vde;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ctys.api.Column;
import org.ctys.api.CtysException;
import org.ctys.api.EnvironmentException;
import org.ctys.api.SubOptions;
import org.ctys.api.UsageException;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandRunner;
import org.ctys.api.exec.ProcessCheck;
import org.ctys.spi.DataParser;
import org.ctys.spi.PluginContext;

/**
 * One switch on one target as the probe found it: its names (sockets, pid file, tap, bridge, user), what its record
 * says, whether its process runs, and the one definition of a healthy switch that create, check and the VM plugins'
 * service share. What is trusted follows one rule: root acts only on what it can prove it made.
 */
final class SwitchSite {

    private static final Duration MGMT_TIMEOUT = Duration.ofSeconds(5);

    final PluginContext context;
    final CommandRunner runner;
    final SwitchSpec spec;
    final Probe probe;
    final Backend backend;
    /** The switch's user and the sockets' group, as resolved on the target. */
    final String user;
    final String group;
    /** The switch's files and devices, as the probe named them. */
    final String sock;
    final String mgmt;
    final String pidFile;
    final String tap;
    final String bridge;

    /**
     * @param spec the switch as the options name it, already checked
     * @param probe the probe of it on the target
     */
    SwitchSite(SwitchSpec spec, SubOptions options, PluginContext context, Probe probe) {
        this.context = context;
        this.runner = context.runner();
        this.spec = spec;
        this.probe = probe;
        this.user = spec.user() != null ? spec.user() : probe.get("login");
        if (probe.get("user") == null) {
            throw new UsageException("no user '" + user + "' on " + context.target() + " (-u)");
        }
        if (spec.group() != null && probe.get("group") == null && !spec.group().equals(probe.get("usergroup"))) {
            throw new UsageException("no group '" + spec.group() + "' on " + context.target() + " (-u user.group)");
        }
        this.group = spec.group() != null ? spec.group() : probe.get("usergroup");
        this.sock = probe.name("sock");
        this.mgmt = probe.name("mgmt");
        this.pidFile = probe.name("pidf");
        this.tap = probe.name("tap");
        this.bridge = probe.name("bridge");
        if (sock == null || mgmt == null || tap == null || !Names.TAP.matcher(tap).matches() || bridge == null
                || probe.number("loginuid") < 0 || probe.get("recorddir") == null
                || !probe.get("recorddir").startsWith("/")) {
            throw new EnvironmentException("the look at " + context.target() + " did not name the switch's files "
                    + "(are sh, id, stat and sha256sum there, and is CTYS_SOCKBASE an absolute path?)");
        }
        this.backend = options.has("legacy") || probe.get("iproute2") == null ? Backend.LEGACY : Backend.IPROUTE2;
        if (backend == Backend.LEGACY && spec.iface() != null) {
            throw new UsageException("enslaving an interface (-i) needs iproute2 (ip) on " + context.target());
        }
    }

    /**
     * @return what the last create recorded, from the login user's private record directory; empty when there is
     *     no record, or only one of a network namespace that no longer exists (its switch went with it)
     * @throws EnvironmentException when the directory or the record is not provably this user's own, a value in it
     *     is not valid, or it belongs to a switch of another network namespace that still exists
     */
    Optional<SwitchRecord> record() {
        int uid = probe.number("loginuid");
        PathState directory = probe.path("recdir");
        if (directory.exists() && (directory.symlink() || !directory.type().equals("directory")
                || directory.uid() != uid || directory.writableByOthers())) {
            throw new EnvironmentException("refusing the record directory " + directory.path() + ": it is "
                    + describe(directory) + ", not a directory of " + probe.get("login") + "'s that only it can write"
                    + " (remove it, or set CTYS_SOCKBASE to a directory others cannot write)");
        }
        PathState file = probe.path("record");
        if (!file.exists()) {
            return Optional.empty();
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
        if (!record.mgmt().equals(mgmt)) {
            throw new EnvironmentException("refusing the switch record " + file.path() + ": it is the record of "
                    + record.mgmt() + ", not of " + mgmt);
        }
        if (!record.netns().equals(probe.get("netns"))) {
            if (probe.is("savednetns", "no")) {
                return Optional.empty();
            }
            throw new EnvironmentException("switch " + mgmt + " on " + context.target() + " belongs to network "
                    + "namespace " + record.netns() + ", not to this one (" + probe.get("netns") + "): it is neither "
                    + "used nor changed from here; give this namespace's switch other sockets (-s, -S, or "
                    + "CTYS_SOCKBASE)");
        }
        return Optional.of(record);
    }

    static String describe(PathState path) {
        return path.symlink() ? "a symbolic link" : "a " + path.type() + " of " + path.owner() + " with mode "
                + path.mode();
    }

    /**
     * @return whether the pid file names this switch's live process: vde_switch, run by root or the switch's user,
     *     on this switch's sockets, in this network namespace
     * @throws EnvironmentException when it names a live process that is not that switch (a pid file is written
     *     by the switch's user, in a directory others may write: it is never taken on its word)
     */
    boolean switchRuns() {
        String why = whyNotTheSwitch();
        if (why != null) {
            throw new EnvironmentException("refusing the pid file " + pidFile + " (owner " + probe.path("pidf")
                    .owner() + "): process " + probe.pid() + " is not the switch of " + mgmt + ": " + why);
        }
        return probe.alive();
    }

    /** @return why the live process of the pid file is not the switch, or {@code null} (also when none lives) */
    String whyNotTheSwitch() {
        Set<Integer> owners = new HashSet<>(List.of(0, probe.number("useruid")));
        String why = probe.process().map(p -> p.notTheSwitch(sock, mgmt, owners, probe.get("netns"))).orElse(null);
        return why != null && why.contains("network namespace") ? why + "; give this namespace's switch other "
                + "sockets (-s, -S, or CTYS_SOCKBASE)" : why;
    }

    /**
     * The one definition of a healthy switch: its process runs (provably the switch, in this namespace), its tap
     * exists and is in the bridge, the bridge is up, the sockets are there with the expected owner and no access for
     * others, the pid file is root's or the user's, its record is there, a moved interface is in the bridge with its
     * addresses on the bridge, and the switch has the tap as an endpoint.
     *
     * @param saved the switch's record
     * @return what is wrong, nothing when the switch is healthy
     */
    Health health(Optional<SwitchRecord> saved) {
        List<String> problems = new ArrayList<>();
        String notTheSwitch = whyNotTheSwitch();
        boolean runs = probe.alive() && notTheSwitch == null;
        if (notTheSwitch != null) {
            problems.add("the pid file " + pidFile + " names process " + probe.pid() + ", which is not the switch: "
                    + notTheSwitch);
        } else if (!runs) {
            problems.add(probe.pid() == null ? "no switch running (no pid file " + pidFile + ")"
                    : "switch process " + probe.pid() + " is dead (stale pid file)");
        }
        boolean tapThere = probe.is("tap", "yes");
        boolean bridgeThere = probe.is("bridge", "yes");
        boolean inBridge = tapThere && probe.all("bridgemember").contains(tap);
        boolean bridgeUp = probe.is("bridgeup", "yes");
        if (probe.is("tap", "other")) {
            problems.add(tap + " is a device but not a tap");
        } else if (!tapThere) {
            problems.add("tap " + tap + " does not exist");
        }
        if (!bridgeThere) {
            problems.add("bridge " + bridge + " does not exist");
        } else if (!bridgeUp) {
            problems.add("bridge " + bridge + " is down");
        }
        if (tapThere && bridgeThere && !inBridge) {
            problems.add("tap " + tap + " is not in bridge " + bridge);
        }
        boolean sockets = true;
        for (PathState path : List.of(probe.path("sock"), probe.path("mgmt"))) {
            String kind = path.path().equals(sock) ? "directory" : "socket";
            String what = kind.equals("socket") ? "management socket " : "data socket ";
            if (!path.exists()) {
                problems.add(what + path.path() + " is missing");
            } else if (path.symlink() || !path.type().equals(kind)) {
                problems.add(what + path.path() + " is not a " + kind + ": " + describe(path));
            } else if (!ownedBySwitch(path) || path.openToOthers()) {
                problems.add(path.path() + " has owner " + path.owner() + " and mode " + path.mode() + "; expected "
                        + "root or " + user + ", no access for others");
            } else {
                continue;
            }
            sockets = false;
        }
        if (saved.isEmpty()) {
            // without it, cancel cannot know what create made
            problems.add("no record of the switch (" + probe.get("recordfile") + ")");
        }
        boolean iface = true;
        String moved = saved.map(SwitchRecord::iface).orElse(null);
        if (moved != null) {
            String master = interfaceState().map(InterfaceState::master).orElse(null);
            iface = bridge.equals(master);
            if (!iface) {
                problems.add("interface " + moved + " is not in bridge " + bridge);
            }
            List<String> onBridge = bridgeAddresses();
            List<String> missing = saved.get().addresses().stream().map(a -> a.split(" ")[0])
                    .filter(a -> !onBridge.contains(a)).toList();
            if (bridgeThere && !missing.isEmpty()) {
                iface = false;
                problems.add("bridge " + bridge + " lacks " + moved + "'s address" + (missing.size() > 1 ? "es " : " ")
                        + String.join(", ", missing));
            }
        }
        PathState pid = probe.path("pidf");
        if (pid.symlink() || pid.exists() && !ownedBySwitch(pid)) {
            problems.add("the pid file " + pidFile + " is " + describe(pid) + ", not root's or " + user + "'s");
        }
        boolean endpoint = runs && tapThere && sockets && tapIsEndpoint();
        if (runs && tapThere && sockets && !endpoint) {
            problems.add("the switch does not have tap " + tap + " as an endpoint");
        }
        boolean tree = !spec.spanningTree() || !endpoint || runsSpanningTree();
        if (!tree) {
            problems.add("the switch runs no spanning tree");
        }
        return new Health(runs, tapThere, bridgeThere, inBridge, bridgeUp, sockets, iface, endpoint, tree, problems);
    }

    /**
     * What {@link #health} found.
     *
     * @param spanningTree whether the switch runs a spanning tree where one was asked for (true when not asked)
     * @param problems what is wrong, each in a few words; empty when healthy
     */
    record Health(boolean runs, boolean tap, boolean bridge, boolean inBridge, boolean bridgeUp, boolean sockets,
                  boolean iface, boolean endpoint, boolean spanningTree, List<String> problems) {

        /** Copies. */
        Health {
            problems = List.copyOf(problems);
        }

        boolean healthy() {
            return problems.isEmpty();
        }
    }

    private DataParser json() {
        return context.service(DataParser.class).orElseThrow(
                () -> new EnvironmentException("this ctys offers plugins no DataParser; update ctys"));
    }

    /** @return the addresses of the bridge (when the probe looked at them: a record with a moved interface) */
    private List<String> bridgeAddresses() {
        if (probe.get("bridgejaddr") == null) {
            return List.of();
        }
        DataParser json = json();
        try {
            return InterfaceState.addressesOf(json.json(probe.get("bridgejaddr"), "ip -j addr"));
        } catch (IllegalArgumentException | ClassCastException | UsageException e) {
            return List.of();
        }
    }

    /** @return whether the switch answers on its management socket with the tap among its ports */
    boolean tapIsEndpoint() {
        try (ManagementClient client = open()) {
            return Port.parse(client.send("port/print").data()).stream().anyMatch(p -> tap.equals(p.tap()));
        } catch (CtysException e) {
            return false;
        }
    }

    /** @return whether the switch says its fast spanning tree is on */
    private boolean runsSpanningTree() {
        try (ManagementClient client = open()) {
            return client.send("fstp/showinfo").data().lines().anyMatch(l -> l.strip().equals("FSTP=true"));
        } catch (CtysException e) {
            return false;
        }
    }

    /** @return a connection to the management socket; in a dry run send only what reads */
    ManagementClient open() {
        return new ManagementClient(context.connect(mgmt, MGMT_TIMEOUT), mgmt);
    }

    /** @return whether a file of the switch's is root's or its user's, the only owners it may have */
    private boolean ownedBySwitch(PathState path) {
        return path.owner().equals("root") || path.owner().equals(user);
    }

    /** Refuses sockets and a pid file that are symbolic links or belong to someone but root or the switch's user. */
    void refuseForeignPaths() {
        for (String key : List.of("sock", "mgmt", "pidf")) {
            PathState path = probe.path(key);
            if (path.symlink()) {
                throw new EnvironmentException("refusing to use " + path.path() + ": it is a symbolic link, "
                        + "possibly planted in a shared CTYS_SOCKBASE");
            }
            if (path.exists() && !ownedBySwitch(path)) {
                throw new EnvironmentException("refusing to use " + path.path() + ": it belongs to " + path.owner()
                        + ", not to root or " + user);
            }
        }
    }

    /** @return the state of the interface {@code -i} (or the record) names, empty when there is none */
    Optional<InterfaceState> interfaceState() {
        if (probe.get("ifjlink") == null) {
            return Optional.empty();
        }
        DataParser json = json();
        try {
            return Optional.of(InterfaceState.parse(json.json(probe.get("ifjlink"), "ip -j link"),
                    json.json(probe.get("ifjaddr"), "ip -j addr"), json.json(probe.get("ifjroute"), "ip -j route")));
        } catch (IllegalArgumentException | ClassCastException | UsageException e) {
            throw new EnvironmentException("cannot read interface " + spec.iface() + " on " + context.target()
                    + ": " + e.getMessage());
        }
    }

    /**
     * A command of the switch's own (start, kill, its files): as the login user when that is the switch's user; else
     * (root making a switch for a user) through {@code runuser}, which needs root. Where users cannot open
     * {@code /dev/net/tun} (Debian makes it 0666; some hosts keep it 0600), the switch cannot run as its user and
     * runs as root, as the original's did.
     */
    Command asSwitchUser(Command command) {
        if (!probe.is("tunforall", "yes") && !"root".equals(user)) {
            return command.asRoot();
        }
        if (user.equals(probe.get("login"))) {
            return command;
        }
        List<String> argv = new ArrayList<>(List.of("runuser", "-u", user, "--"));
        argv.addAll(command.argv());
        return Command.of(argv).asRoot();
    }

    /** Waits up to 5 s for the switch to end, as the API's one liveness check judges it (a zombie is gone). */
    static Command waitForExit(String pid) {
        return ProcessCheck.waitUntilGone(pid, Duration.ofSeconds(5));
    }

    /** @return the record of this switch as create, cancel and check report it */
    Row row(String status) {
        return new Row(mgmt, sock, tap, bridge, user, group, status);
    }

    /**
     * A switch as create, cancel and check report it.
     *
     * @param mgmt the management socket, which names the switch
     * @param sock the data socket directory
     * @param tap the TAP device the switch is plugged into
     * @param bridge the bridge the tap is in
     * @param user the owner of the tap and sockets
     * @param group the group of the sockets
     * @param status what the action did or found
     */
    public record Row(@Column("switch") String mgmt, String sock, String tap, String bridge, String user,
                      String group, String status) {
    }
}
