package org.ctys.plugin.lab;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
 * ({@code address} of its switch), else the one the control host reaches it at. A device is this cable's when its
 * alias says so ({@code ctys lab <lab> cable <from>-<to>}); no other device is ever changed or removed. Its VNI is
 * chosen when it is made, one that no VXLAN device on either host uses, and kept while a device of the cable has it;
 * the device is named after it, {@code vx<vni>}.
 */
final class LabVxlan {

    /** How many VNIs, from the one the lab's and the cable's names give, a cable may take. */
    private static final int CANDIDATES = 64;
    private static final long VNIS = 0xFFFFFE;
    private static final Pattern NAME = Pattern.compile("^[0-9]+: ([^:@ ]+)[@:]");
    private static final Pattern VXLAN = Pattern.compile("vxlan id ([0-9]+) (?:remote (\\S+) )?.*dstport ([0-9]+)");
    private static final Pattern MASTER = Pattern.compile(" master (\\S+) ");
    private static final Pattern FLAGS = Pattern.compile("<([A-Z_,]*)>");
    private static final Pattern ALIAS = Pattern.compile("\\\\ +alias (.*)$");
    /** Prints the address this host was reached at, then its network devices, one line each. */
    private static final String SURVEY = "printf '%s\\n' \"${SSH_CONNECTION:-}\"; ip -d -o link show";

    private final Lab lab;
    private final PluginContext context;
    private final List<Cable> cables;

    LabVxlan(Lab lab, PluginContext context) {
        this.lab = lab;
        this.context = context;
        this.cables = lab.cables().stream().filter(c -> c.kind() == Cable.Kind.VXLAN)
                .sorted(Comparator.comparing(Cable::label)).toList();
    }

    /**
     * A VXLAN device as {@code ip -d -o link show} describes it.
     *
     * @param name its name
     * @param vni its VNI
     * @param remote where it sends, or empty
     * @param port its UDP port
     * @param master the bridge it is in, or empty
     * @param up whether it is up
     * @param alias its alias, or empty
     */
    record Device(String name, long vni, String remote, int port, String master, boolean up, String alias) {

        /** @return the device a line describes, or none for a line that is not a VXLAN device's */
        static Optional<Device> parse(String line) {
            Matcher name = NAME.matcher(line);
            Matcher vxlan = VXLAN.matcher(line);
            if (!name.find() || !vxlan.find()) {
                return Optional.empty();
            }
            Matcher master = MASTER.matcher(line);
            Matcher flags = FLAGS.matcher(line);
            Matcher alias = ALIAS.matcher(line);
            return Optional.of(new Device(name.group(1), Long.parseLong(vxlan.group(1)),
                    vxlan.group(2) == null ? "" : vxlan.group(2), Integer.parseInt(vxlan.group(3)),
                    master.find() ? master.group(1) : "",
                    flags.find() && List.of(flags.group(1).split(",")).contains("UP"),
                    alias.find() ? alias.group(1).strip() : ""));
        }
    }

    /**
     * What a host has: the address the control host's ssh connection reached it at (or empty), the names of its
     * network devices and its VXLAN devices.
     */
    private record HostLook(String reachedAt, Set<String> names, List<Device> devices) {

        static HostLook parse(String text) {
            List<String> lines = text.lines().toList();
            Set<String> names = new HashSet<>();
            for (String line : lines) {
                Matcher name = NAME.matcher(line);
                if (name.find()) {
                    names.add(name.group(1));
                }
            }
            return new HostLook(lines.isEmpty() ? "" : lines.get(0).strip(), names, lines.stream().skip(1)
                    .map(Device::parse).flatMap(Optional::stream).toList());
        }

        Optional<Device> of(String alias) {
            return devices.stream().filter(d -> d.alias().equals(alias)).findFirst();
        }
    }

    /** One end of a cable: the host, the VNI, where it sends, the bridge it is in, and its device if it has one. */
    private record End(Cable cable, Target host, long vni, String remote, String bridge, Device found) {

        String device() {
            return "vx" + vni;
        }

        /** @return whether its device sends to another address or port than the file's */
        boolean sendsElsewhere() {
            return !found.remote().equals(remote) || found.port() != cable.port();
        }
    }

    /** @return the alias that marks a device as this cable's */
    String alias(Cable cable) {
        return "ctys lab " + lab.name() + " cable " + cable.label();
    }

    /** @return the VNIs a cable may take, in order: from its lab's and its own names, 1 to 2^24-2 */
    List<Long> candidates(Cable cable) {
        CRC32 crc = new CRC32();
        crc.update((lab.name() + "/" + cable.label()).getBytes(StandardCharsets.UTF_8));
        List<Long> candidates = new ArrayList<>();
        for (int i = 0; i < CANDIDATES; i++) {
            candidates.add(1 + (crc.getValue() + i) % VNIS);
        }
        return candidates;
    }

    /**
     * Chooses each cable's VNI from what both its hosts have: the one its devices have where nothing else on either
     * host uses it, else the first of its candidates that no other VXLAN device on either host has (nor a device of
     * its name, nor a cable of this run).
     */
    Map<Cable, Long> vnis(Map<Target, HostLook> looks) {
        Map<Target, Set<Long>> taken = new HashMap<>();
        looks.forEach((host, look) -> taken.put(host, new HashSet<>(look.devices().stream()
                .filter(d -> cables.stream().noneMatch(c -> alias(c).equals(d.alias()))).map(Device::vni).toList())));
        Map<Cable, Long> chosen = new HashMap<>();
        // the VNIs that cables' devices have first, so that no other cable of this run takes one of them
        for (Cable cable : cables) {
            ends(cable).stream().map(h -> looks.get(h).of(alias(cable))).flatMap(Optional::stream).map(Device::vni)
                    .filter(v -> free(v, cable, taken, looks)).findFirst()
                    .ifPresent(v -> take(cable, v, taken, chosen));
        }
        for (Cable cable : cables) {
            if (!chosen.containsKey(cable)) {
                long vni = candidates(cable).stream().filter(v -> free(v, cable, taken, looks)).findFirst()
                        .orElseThrow(() -> new EnvironmentException("lab " + lab.name() + ": cable " + cable.label()
                                + " finds none of its " + CANDIDATES + " VNIs free on " + ends(cable).get(0) + " and "
                                + ends(cable).get(1)));
                take(cable, vni, taken, chosen);
            }
        }
        return chosen;
    }

    private List<Target> ends(Cable cable) {
        return List.of(lab.switches().get(cable.from()).host(), lab.switches().get(cable.to()).host());
    }

    /** @return whether neither end of the cable has another device with VNI {@code vni} or named after it */
    private boolean free(long vni, Cable cable, Map<Target, Set<Long>> taken, Map<Target, HostLook> looks) {
        return ends(cable).stream().noneMatch(h -> taken.get(h).contains(vni) || looks.get(h).names()
                .contains("vx" + vni) && looks.get(h).of(alias(cable)).filter(d -> d.name().equals("vx" + vni))
                .isEmpty());
    }

    private void take(Cable cable, long vni, Map<Target, Set<Long>> taken, Map<Cable, Long> chosen) {
        ends(cable).forEach(h -> taken.get(h).add(vni));
        chosen.put(cable, vni);
    }

    ActionResult create() {
        return each(false, (host, end) -> {
            Device found = end.found();
            if (found == null) {
                make(host, end);
                return "created";
            }
            if (found.vni() != end.vni() || end.sendsElsewhere()) {
                // a VNI, port or peer address of its own: the kernel changes none in place, so the device is made anew
                run(host, Command.of("ip", "link", "del", "dev", found.name()).asRoot());
                make(host, end);
                return "repaired";
            }
            if (!found.up() || !found.master().equals(end.bridge())) {
                pin(host, end.bridge());
                run(host, enslave(found.name(), end.bridge()));
                return "repaired";
            }
            return "up";
        });
    }

    ActionResult check() {
        return each(true, (host, end) -> {
            Device found = end.found();
            String where = " on " + host.target().address();
            return found == null ? "down: no device of it" + where
                    : found.vni() != end.vni() ? "down: " + found.name() + where + " has VNI " + found.vni()
                            + ", its other end " + end.vni()
                    : end.sendsElsewhere() ? "down: " + found.name() + where + " sends to " + found.remote()
                            + " port " + found.port() + ", not " + end.remote() + " port " + end.cable().port()
                    : !found.up() || !found.master().equals(end.bridge()) ? "down: " + found.name() + where
                            + " is not up in " + end.bridge() : "up";
        });
    }

    ActionResult cancel() {
        return each(false, (host, end) -> {
            if (end.found() == null) {
                return "absent";
            }
            run(host, Command.of("ip", "link", "del", "dev", end.found().name()).asRoot());
            return "removed";
        });
    }

    private void make(PluginContext host, End end) {
        run(host, Command.of("ip", "link", "add", end.device(), "type", "vxlan", "id", Long.toString(end.vni()),
                "remote", end.remote(), "dstport", Integer.toString(end.cable().port())).asRoot());
        run(host, Command.of("ip", "link", "set", "dev", end.device(), "alias", alias(end.cable())).asRoot());
        pin(host, end.bridge());
        run(host, enslave(end.device(), end.bridge()));
    }

    private static Command enslave(String device, String bridge) {
        return Command.of("ip", "link", "set", "dev", device, "master", bridge, "up").asRoot();
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

    private static void run(PluginContext host, Command command) {
        CommandResult result = host.runner().run(command);
        if (!result.succeeded()) {
            throw new EnvironmentException(String.join(" ", command.argv()) + " on " + host.target().address()
                    + ": " + result.stderr().strip());
        }
    }

    /**
     * Looks at both ends of every vxlan cable, chooses the VNIs, then runs {@code step} on each end, the hosts in
     * parallel both times, and tabulates a row per cable: its first end's status unless the other's is worse.
     *
     * @param failDown whether a status starting with {@code down} fails the action
     */
    private ActionResult each(boolean failDown, BiFunction<PluginContext, End, String> step) {
        if (cables.isEmpty()) {
            return new ActionResult("", List.of(), false);
        }
        Map<Target, HostLook> looks = survey();
        Map<Cable, Long> vnis = vnis(looks);
        Map<Target, List<End>> byHost = new LinkedHashMap<>();
        for (Cable cable : cables) {
            LabSwitch a = lab.switches().get(cable.from());
            LabSwitch b = lab.switches().get(cable.to());
            byHost.computeIfAbsent(a.host(), h -> new ArrayList<>()).add(end(cable, a, b, vnis, looks));
            byHost.computeIfAbsent(b.host(), h -> new ArrayList<>()).add(end(cable, b, a, vnis, looks));
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
            boolean bad = status.startsWith("failed") || failDown && status.startsWith("down");
            table.row(cable.label(), cable.kind().written(), lab.switches().get(cable.from()).host() + "-"
                    + lab.switches().get(cable.to()).host(), "vni " + vnis.get(cable), status,
                    List.of("created", "repaired", "removed").contains(status), bad ? "cable " + cable.label()
                    + " is " + status : null);
        }
        return table.result("lab " + lab.name() + ": " + cables.size() + " vxlan cables");
    }

    /** @return the end of {@code cable} at switch {@code here}, sending to the host of {@code there} */
    private End end(Cable cable, LabSwitch here, LabSwitch there, Map<Cable, Long> vnis,
                    Map<Target, HostLook> looks) {
        return new End(cable, here.host(), vnis.get(cable), address(there, looks), LabSwitches.bridge(lab, here),
                looks.get(here.host()).of(alias(cable)).orElse(null));
    }

    /** The worse of two ends' statuses: a failure, then down, then a change, then up. */
    private static String worse(String a, String b) {
        for (String prefix : List.of("failed", "down", "created", "repaired", "removed", "absent")) {
            if (a.startsWith(prefix)) {
                return a;
            }
            if (b.startsWith(prefix)) {
                return b;
            }
        }
        return a;
    }

    /** @return every end host's address as the control host reached it and its devices, in one round */
    private Map<Target, HostLook> survey() {
        List<Target> hosts = cables.stream().flatMap(c -> Stream.of(c.from(), c.to()))
                .map(name -> lab.switches().get(name).host()).distinct().toList();
        Map<Target, HostLook> looks = new LinkedHashMap<>();
        for (TargetOutcome<String> outcome : context.onEach(hosts, host -> {
            CommandResult result = host.runner().run(Command.of("sh", "-c", SURVEY).asReadOnly());
            if (!result.succeeded()) {
                throw new EnvironmentException("cannot list the network devices on " + host.target().address() + ": "
                        + result.stderr().strip());
            }
            return result.stdout();
        })) {
            if (!outcome.succeeded()) {
                throw new EnvironmentException("lab " + lab.name() + ": " + outcome.failure().getMessage());
            }
            looks.put(outcome.target(), HostLook.parse(outcome.value()));
        }
        return looks;
    }

    /**
     * @return the address the other hosts reach a switch's host at: its {@code address}, else the one the control
     *     host's ssh connection reached it at
     */
    private String address(LabSwitch labSwitch, Map<Target, HostLook> looks) {
        String given = labSwitch.options().get("address");
        if (given != null) {
            return given;
        }
        String[] fields = looks.get(labSwitch.host()).reachedAt().split(" +");
        if (fields.length < 3) {
            throw new EnvironmentException("lab " + lab.name() + ": the address other hosts reach "
                    + labSwitch.host().address() + " at is not known (it is not reached over ssh): give its "
                    + "switches an address");
        }
        return fields[2];
    }
}
