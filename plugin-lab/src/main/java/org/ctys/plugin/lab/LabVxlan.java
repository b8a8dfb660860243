package org.ctys.plugin.lab;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.ctys.api.ActionResult;
import org.ctys.api.EnvironmentException;
import org.ctys.api.Target;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandResult;
import org.ctys.spi.PluginContext;
import org.ctys.spi.TargetOutcome;

/**
 * A lab's VXLAN cables: a kernel VXLAN device in the bridge of each end's switch, sending to the other end's host
 * over UDP. The hosts reach each other: each end sends to the address of the other that the file gives
 * ({@code address} of its switch), else the one the control host reaches it at. The device's name and VNI come
 * from the lab and the cable, so that every create finds the same ones again; a device of that name that is not
 * this cable's is never changed or removed.
 */
final class LabVxlan {

    /** The IANA port of VXLAN. */
    static final int PORT = 4789;
    private static final Pattern VXLAN = Pattern.compile("vxlan id ([0-9]+) remote (\\S+) .*dstport ([0-9]+)");
    private static final Pattern MASTER = Pattern.compile(" master (\\S+) ");
    private static final Pattern FLAGS = Pattern.compile("<([A-Z_,]*)>");

    private final Lab lab;
    private final PluginContext context;
    private final List<Cable> cables;

    LabVxlan(Lab lab, PluginContext context) {
        this.lab = lab;
        this.context = context;
        this.cables = lab.cables().stream().filter(c -> c.kind() == Cable.Kind.VXLAN)
                .sorted(Comparator.comparing(Cable::label)).toList();
    }

    /** One end of a cable: the device on a host, where it sends, the bridge it is in. */
    private record End(Cable cable, Target host, String device, long vni, String remote, String bridge) {
    }

    /** @return the device of a cable: {@code vx<lab>-<n>}, n its place among the lab's vxlan cables by name */
    String device(Cable cable) {
        return "vx" + lab.name() + "-" + (cables.indexOf(cable) + 1);
    }

    /** @return the cable's VNI, 1 to 2^24-2, from the lab's name and the cable's */
    long vni(Cable cable) {
        CRC32 crc = new CRC32();
        crc.update((lab.name() + "/" + cable.label()).getBytes(StandardCharsets.UTF_8));
        return 1 + crc.getValue() % 0xFFFFFE;
    }

    ActionResult create() {
        return each(false, (host, end) -> {
            Look look = look(host, end);
            if (look.absent()) {
                run(host, add(end));
                pin(host, end.bridge());
                run(host, enslave(end));
                return "created";
            }
            if (!look.ours(end)) {
                throw new EnvironmentException(end.device() + " on " + host.target().address() + " is not cable "
                        + end.cable().label() + "'s (" + look.text() + "); it is left as it is");
            }
            if (!look.remote().equals(end.remote())) {
                // the peer's address changed: the kernel changes no remote in place, so the device is made anew
                run(host, Command.of("ip", "link", "del", end.device()).asRoot());
                run(host, add(end));
                pin(host, end.bridge());
                run(host, enslave(end));
                return "repaired";
            }
            if (!look.sound(end)) {
                pin(host, end.bridge());
                run(host, enslave(end));
                return "repaired";
            }
            return "up";
        });
    }

    ActionResult check() {
        return each(true, (host, end) -> {
            Look look = look(host, end);
            return look.absent() ? "down: no " + end.device() + " on " + host.target().address()
                    : !look.ours(end) ? "down: " + end.device() + " on " + host.target().address() + " is not ours"
                    : !look.sound(end) ? "down: " + end.device() + " on " + host.target().address()
                            + " is not up in " + end.bridge() : "up";
        });
    }

    ActionResult cancel() {
        return each(false, (host, end) -> {
            Look look = look(host, end);
            if (look.absent()) {
                return "absent";
            }
            if (!look.ours(end)) {
                return "not ours: " + end.device() + " on " + host.target().address();
            }
            run(host, Command.of("ip", "link", "del", end.device()).asRoot());
            return "removed";
        });
    }

    private static Command add(End end) {
        return Command.of("ip", "link", "add", end.device(), "type", "vxlan", "id", Long.toString(end.vni()),
                "remote", end.remote(), "dstport", Integer.toString(PORT)).asRoot();
    }

    private static Command enslave(End end) {
        return Command.of("ip", "link", "set", end.device(), "master", end.bridge(), "up").asRoot();
    }

    /**
     * Pins the bridge's MAC address to the one it has: a bridge whose address was never set takes the lowest of
     * its ports', so a VXLAN device (a random MAC) joining it could change it under the neighbours' ARP caches,
     * cutting the host off for half a minute.
     */
    private static void pin(PluginContext host, String bridge) {
        CommandResult mac = host.runner().run(Command.of("cat", "/sys/class/net/" + bridge + "/address")
                .asReadOnly());
        if (mac.succeeded() && mac.stdout().strip().matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}")) {
            run(host, Command.of("ip", "link", "set", "dev", bridge, "address", mac.stdout().strip()).asRoot());
        }
    }

    /** A device as {@code ip -d -o link show} describes it. */
    private record Look(String text) {
        boolean absent() {
            return text == null;
        }

        private Matcher vxlan() {
            Matcher m = VXLAN.matcher(text);
            return m.find() ? m : null;
        }

        boolean ours(End end) {
            Matcher m = vxlan();
            return m != null && Long.parseLong(m.group(1)) == end.vni() && Integer.parseInt(m.group(3)) == PORT;
        }

        String remote() {
            Matcher m = vxlan();
            return m == null ? "" : m.group(2);
        }

        boolean sound(End end) {
            Matcher master = MASTER.matcher(text);
            Matcher flags = FLAGS.matcher(text);
            return remote().equals(end.remote()) && master.find() && master.group(1).equals(end.bridge())
                    && flags.find() && List.of(flags.group(1).split(",")).contains("UP");
        }
    }

    private static Look look(PluginContext host, End end) {
        CommandResult result = host.runner().run(Command.of("ip", "-d", "-o", "link", "show", "dev", end.device())
                .asReadOnly());
        return new Look(result.succeeded() ? result.stdout() : null);
    }

    private static void run(PluginContext host, Command command) {
        CommandResult result = host.runner().run(command);
        if (!result.succeeded()) {
            throw new EnvironmentException(String.join(" ", command.argv()) + " on " + host.target().address()
                    + ": " + result.stderr().strip());
        }
    }

    /**
     * Runs {@code step} on both ends of every vxlan cable, the hosts in parallel, and tabulates a row per cable:
     * its first end's status unless the other's is worse.
     *
     * @param failDown whether a status starting with {@code down} fails the action
     */
    private ActionResult each(boolean failDown, BiFunction<PluginContext, End, String> step) {
        if (cables.isEmpty()) {
            return new ActionResult("", List.of(), false);
        }
        Map<Target, String> addresses = addresses();
        Map<Target, List<End>> byHost = new LinkedHashMap<>();
        for (Cable cable : cables) {
            LabSwitch a = lab.switches().get(cable.from());
            LabSwitch b = lab.switches().get(cable.to());
            byHost.computeIfAbsent(a.host(), h -> new ArrayList<>()).add(new End(cable, a.host(), device(cable),
                    vni(cable), addresses.get(b.host()), LabSwitches.bridge(lab, a)));
            byHost.computeIfAbsent(b.host(), h -> new ArrayList<>()).add(new End(cable, b.host(), device(cable),
                    vni(cable), addresses.get(a.host()), LabSwitches.bridge(lab, b)));
        }
        Map<Cable, String> statuses = new LinkedHashMap<>();
        cables.forEach(c -> statuses.put(c, "up"));
        for (TargetOutcome<List<String>> outcome : context.onEach(List.copyOf(byHost.keySet()), host -> {
            List<String> done = new ArrayList<>();
            for (End end : byHost.get(host.target())) {
                done.add(step.apply(host, end));
            }
            return done;
        })) {
            List<End> ends = byHost.get(outcome.target());
            for (int i = 0; i < ends.size(); i++) {
                String status = outcome.succeeded() ? outcome.value().get(i) : "failed on "
                        + outcome.target().address() + " (" + outcome.failure().getMessage() + ")";
                statuses.merge(ends.get(i).cable(), status, LabVxlan::worse);
            }
        }
        LabTable table = new LabTable(lab.name());
        for (Map.Entry<Cable, String> entry : statuses.entrySet()) {
            Cable cable = entry.getKey();
            String status = entry.getValue();
            boolean bad = status.startsWith("failed") || status.startsWith("not ours")
                    || failDown && status.startsWith("down");
            table.row(cable.label(), cable.kind().written(), lab.switches().get(cable.from()).host() + "-"
                    + lab.switches().get(cable.to()).host(), "vni " + vni(cable), status,
                    List.of("created", "repaired", "removed").contains(status), bad ? "cable " + cable.label()
                    + " is " + status : null);
        }
        return table.result("lab " + lab.name() + ": " + cables.size() + " vxlan cables");
    }

    /** The worse of two ends' statuses: a failure, then down, then a change, then up. */
    private static String worse(String a, String b) {
        for (String prefix : List.of("failed", "not ours", "down", "created", "repaired", "removed", "absent")) {
            if (a.startsWith(prefix)) {
                return a;
            }
            if (b.startsWith(prefix)) {
                return b;
            }
        }
        return a;
    }

    /**
     * @return the address each end host is reached at by the other: its switch's {@code address}, else the one
     *     the control host's ssh connection reaches it at
     */
    private Map<Target, String> addresses() {
        Map<Target, String> addresses = new LinkedHashMap<>();
        List<Target> unknown = new ArrayList<>();
        for (Cable cable : cables) {
            for (String end : List.of(cable.from(), cable.to())) {
                LabSwitch labSwitch = lab.switches().get(end);
                String given = labSwitch.options().get("address");
                if (given != null) {
                    addresses.put(labSwitch.host(), given);
                } else if (!addresses.containsKey(labSwitch.host()) && !unknown.contains(labSwitch.host())) {
                    unknown.add(labSwitch.host());
                }
            }
        }
        unknown.removeAll(addresses.keySet());
        for (TargetOutcome<String> outcome : context.onEach(unknown, host -> host.runner().run(Command.of("sh", "-c",
                "printf '%s' \"${SSH_CONNECTION:-}\"").asReadOnly()).stdout())) {
            String[] fields = outcome.succeeded() ? outcome.value().strip().split(" +") : new String[0];
            if (fields.length < 3) {
                throw new EnvironmentException("lab " + lab.name() + ": the address other hosts reach "
                        + outcome.target().address() + " at is not known" + (outcome.succeeded() ? " (it is not "
                        + "reached over ssh): give its switches an address" : ": " + outcome.failure().getMessage()));
            }
            addresses.put(outcome.target(), fields[2]);
        }
        return addresses;
    }
}
