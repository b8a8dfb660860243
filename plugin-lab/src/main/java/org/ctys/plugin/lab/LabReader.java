package org.ctys.plugin.lab;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.ctys.api.SyntaxException;
import org.ctys.api.Target;
import org.ctys.api.UsageException;
import org.ctys.spi.DataNode;
import org.ctys.spi.ValueKind;

/**
 * Reads a lab file, already parsed, into a {@link Lab}: every problem is found, each with its line, and reported
 * together on one line, so that a file is fixed in one round.
 */
final class LabReader {

    /** Lab names go into the names of links (at most 15 characters) and of files: short and plain. */
    private static final Pattern LAB_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,7}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    /** The labels of QEMU and KVM definitions. */
    private static final Pattern DEFINITION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final List<String> TOP_KEYS = List.of("name", "switches", "cables", "guests");
    /** A switch's keys besides host: the VDE create options they stand for, and what their values must be. */
    private static final Map<String, ValueKind> SWITCH_OPTIONS = orderedMap("bridge", ValueKind.INTERFACE,
            "interface", ValueKind.INTERFACE, "user", ValueKind.USER, "group", ValueKind.USER, "address",
            ValueKind.of("an IP address the other hosts reach this one at, e.g. 10.0.0.1",
                    a -> ValueKind.IPV4.accepts(a) || Target.isIpv6(a)));
    private static final List<String> CABLE_KEYS = List.of("ends", "kind", "delay", "jitter", "loss", "rate",
            "port");
    private static final List<String> GUEST_KEYS = List.of("host", "switch", "type", "definition");
    private static final int MAX_PROBLEMS_SHOWN = 5;

    private final String source;
    private final List<Problem> problems = new ArrayList<>();

    private record Problem(int line, String text) {
    }

    private LabReader(String source) {
        this.source = source;
    }

    /**
     * @param root the file's document
     * @param source the file, named in errors
     * @return the lab
     * @throws UsageException naming every problem with its line, on one line
     */
    static Lab read(DataNode root, String source) {
        LabReader reader = new LabReader(source);
        Lab lab = reader.lab(root);
        if (!reader.problems.isEmpty()) {
            // in the order of the file, whatever order they were found in
            List<String> all = reader.problems.stream().sorted(java.util.Comparator.comparingInt(Problem::line))
                    .map(Problem::text).toList();
            List<String> shown = all.subList(0, Math.min(MAX_PROBLEMS_SHOWN, all.size()));
            int more = all.size() - shown.size();
            throw new UsageException(String.join("; ", shown) + (more > 0 ? "; and " + more + " more" : ""));
        }
        return lab;
    }

    private Lab lab(DataNode root) {
        if (!(root instanceof DataNode.Mapping map)) {
            problem(root.line(), "a lab is a mapping with name, switches, cables and guests, not a " + root.kind());
            return null;
        }
        unknownKeys(map, TOP_KEYS, "a lab");
        String name = scalar(map, "name").orElse(null);
        if (name == null) {
            problem(map.line(), "a lab needs a name");
        } else if (!LAB_NAME.matcher(name).matches()) {
            problem(map.lineOf("name"), "lab name '" + name + "' is not valid (expected 1-8 lower-case letters, "
                    + "digits or '-', starting with a letter or digit)");
        }
        Map<String, LabSwitch> switches = new LinkedHashMap<>();
        Optional<DataNode.Mapping> switchMap = mapping(map, "switches");
        if (switchMap.isEmpty() || switchMap.get().entries().isEmpty()) {
            problem(map.lineOf("switches"), "a lab needs at least one switch under 'switches'");
        }
        switchMap.ifPresent(m -> m.entries().forEach((key, node) -> labSwitch(m, key, node, name)
                .ifPresent(s -> switches.put(key, s))));
        // a switch that has problems of its own is still a name cables and guests may use
        Set<String> declared = switchMap.map(m -> m.entries().keySet()).orElse(Set.of());
        List<Cable> cables = new ArrayList<>();
        sequence(map, "cables").ifPresent(list -> list.items().forEach(node -> cable(node, declared, switches)
                .ifPresent(cables::add)));
        Map<String, LabGuest> guests = new LinkedHashMap<>();
        mapping(map, "guests").ifPresent(m -> m.entries().forEach((key, node) -> guest(m, key, node, declared,
                switches).ifPresent(g -> guests.put(key, g))));
        return new Lab(name, switches, cables, guests);
    }

    private Optional<LabSwitch> labSwitch(DataNode.Mapping parent, String name, DataNode node, String labName) {
        String what = "switch " + name;
        boolean named = validName(parent.lineOf(name), "switch", name);
        if (!(node instanceof DataNode.Mapping map)) {
            problem(node.line(), what + " is a mapping with host and its options, not a " + node.kind());
            return Optional.empty();
        }
        List<String> keys = new ArrayList<>(List.of("host"));
        keys.addAll(SWITCH_OPTIONS.keySet());
        unknownKeys(map, keys, what);
        Optional<Target> host = host(map, what, true);
        Map<String, String> options = new LinkedHashMap<>();
        SWITCH_OPTIONS.forEach((key, kind) -> scalar(map, key).ifPresent(value -> {
            if (!kind.accepts(value)) {
                problem(map.lineOf(key), key + " '" + value + "' of " + what + ": expected " + kind);
            } else {
                options.put(key, value);
            }
        }));
        String bridge = labName + "-" + name;
        if (named && labName != null && !map.entries().containsKey("bridge") && !ValueKind.INTERFACE.accepts(bridge)) {
            problem(map.line(), what + " needs a bridge: its default, '" + bridge + "', is longer than an interface "
                    + "name may be (15)");
            return Optional.empty();
        }
        return named ? host.map(h -> new LabSwitch(name, h, options)) : Optional.empty();
    }

    private Optional<Cable> cable(DataNode node, Set<String> declared, Map<String, LabSwitch> switches) {
        if (!(node instanceof DataNode.Mapping map)) {
            problem(node.line(), "a cable is a mapping with ends and kind, not a " + node.kind());
            return Optional.empty();
        }
        unknownKeys(map, CABLE_KEYS, "a cable");
        List<String> ends = new ArrayList<>();
        Optional<DataNode> endsNode = map.get("ends");
        if (endsNode.isPresent() && endsNode.get() instanceof DataNode.Sequence list) {
            list.items().forEach(item -> {
                if (item instanceof DataNode.Scalar end) {
                    ends.add(end.text());
                }
            });
        }
        if (ends.size() != 2 || ends.get(0).equals(ends.get(1))) {
            problem(map.lineOf("ends"), "a cable needs 'ends' with two different switches, e.g. ends: [s1, s2]");
            return Optional.empty();
        }
        boolean known = true;
        for (String end : ends) {
            if (!declared.contains(end)) {
                problem(map.lineOf("ends"), "cable " + ends.get(0) + "-" + ends.get(1) + " ends at '" + end
                        + "', which is not a switch of the lab");
            }
            known &= switches.containsKey(end);
        }
        String what = "cable " + ends.get(0) + "-" + ends.get(1);
        String kindText = scalar(map, "kind").orElse("ssh");
        Cable.Kind kind = switch (kindText) {
            case "ssh" -> Cable.Kind.SSH;
            case "vxlan" -> Cable.Kind.VXLAN;
            default -> {
                problem(map.lineOf("kind"), "kind '" + kindText + "' of " + what
                        + " is not one (expected ssh or vxlan)");
                yield null;
            }
        };
        String delay = value(map, "delay", what, LinkEmulation::timeProblem);
        String jitter = value(map, "jitter", what, LinkEmulation::timeProblem);
        String loss = value(map, "loss", what, LinkEmulation::lossProblem);
        String rate = value(map, "rate", what, LinkEmulation::rateProblem);
        if (jitter != null && delay == null) {
            problem(map.lineOf("jitter"), "jitter of " + what + " needs a delay");
        }
        String port = value(map, "port", what, LabReader::portProblem);
        if (port != null && kind == Cable.Kind.SSH) {
            problem(map.lineOf("port"), "port of " + what + " is for a vxlan cable, and this one is ssh");
        }
        if (!known || kind == null) {
            return Optional.empty();
        }
        Target a = switches.get(ends.get(0)).host();
        Target b = switches.get(ends.get(1)).host();
        if (kind == Cable.Kind.VXLAN && a.host().equals(b.host())) {
            problem(map.lineOf("kind"), what + " is vxlan, but both switches are on " + a.host() + " (a vxlan cable "
                    + "joins two hosts: use ssh within one)");
            return Optional.empty();
        }
        int udp = kind == Cable.Kind.SSH ? 0 : port == null ? Cable.VXLAN_PORT : Integer.parseInt(port);
        return Optional.of(new Cable(ends.get(0), ends.get(1), kind, new LinkEmulation(delay, jitter, loss, rate),
                udp));
    }

    private Optional<LabGuest> guest(DataNode.Mapping parent, String name, DataNode node, Set<String> declared,
                                     Map<String, LabSwitch> switches) {
        String what = "guest " + name;
        boolean named = validName(parent.lineOf(name), "guest", name);
        if (!(node instanceof DataNode.Mapping map)) {
            problem(node.line(), what + " is a mapping with switch and definition, not a " + node.kind());
            return Optional.empty();
        }
        unknownKeys(map, GUEST_KEYS, what);
        if (declared.contains(name)) {
            problem(parent.lineOf(name), what + " has the name of a switch (a name stands for one thing in a lab)");
        }
        Optional<String> switchName = scalar(map, "switch");
        Optional<String> definition = scalar(map, "definition");
        if (switchName.isEmpty()) {
            problem(map.line(), what + " needs the switch it is plugged into ('switch')");
        }
        if (definition.isEmpty()) {
            problem(map.line(), what + " needs the label of its QEMU or KVM definition ('definition')");
        } else if (!DEFINITION.matcher(definition.get()).matches()) {
            problem(map.lineOf("definition"), "definition '" + definition.get() + "' of " + what + " is not a label");
        }
        String type = scalar(map, "type").map(t -> t.toUpperCase(Locale.ROOT)).orElse("QEMU");
        if (!type.equals("QEMU") && !type.equals("KVM")) {
            problem(map.lineOf("type"), "type '" + type + "' of " + what + " is not one (expected QEMU or KVM)");
        }
        Optional<Target> host = host(map, what, false);
        LabSwitch plugged = switchName.map(switches::get).orElse(null);
        if (switchName.isPresent() && !declared.contains(switchName.get())) {
            problem(map.lineOf("switch"), what + " is plugged into '" + switchName.get()
                    + "', which is not a switch of the lab");
        }
        if (!named || plugged == null || definition.isEmpty()) {
            return Optional.empty();
        }
        if (host.isPresent() && !host.get().equals(plugged.host())) {
            problem(map.lineOf("host"), what + " runs on " + host.get() + " but its switch " + plugged.name()
                    + " on " + plugged.host() + " (a guest runs on its switch's host)");
            return Optional.empty();
        }
        return Optional.of(new LabGuest(name, plugged.host(), plugged.name(), type, definition.get()));
    }

    private Optional<Target> host(DataNode.Mapping map, String what, boolean required) {
        Optional<String> text = scalar(map, "host");
        if (text.isEmpty()) {
            if (required) {
                problem(map.line(), what + " needs a host");
            }
            return Optional.empty();
        }
        try {
            return Optional.of(Target.parse(text.get()));
        } catch (SyntaxException e) {
            problem(map.lineOf("host"), "host of " + what + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private String value(DataNode.Mapping map, String key, String what, Function<String, String> check) {
        Optional<String> value = scalar(map, key);
        if (value.isEmpty()) {
            return null;
        }
        String problem = check.apply(value.get());
        if (problem != null) {
            problem(map.lineOf(key), key + " '" + value.get() + "' of " + what + ": " + problem);
            return null;
        }
        return value.get();
    }

    private static String portProblem(String text) {
        return text.matches("[1-9][0-9]{0,4}") && Integer.parseInt(text) <= 65535 ? null
                : "expected a UDP port from 1 to 65535";
    }

    private boolean validName(int line, String what, String name) {
        if (NAME.matcher(name).matches()) {
            return true;
        }
        problem(line, what + " name '" + name + "' is not valid (expected letters, digits, '_' or '-', 32 at most)");
        return false;
    }

    private Optional<String> scalar(DataNode.Mapping map, String key) {
        Optional<DataNode> node = map.get(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof DataNode.Scalar scalar) {
            return Optional.of(scalar.text());
        }
        problem(map.lineOf(key), "'" + key + "' is a single value, not a " + node.get().kind());
        return Optional.empty();
    }

    private Optional<DataNode.Mapping> mapping(DataNode.Mapping map, String key) {
        Optional<DataNode> node = map.get(key);
        if (node.isPresent() && !(node.get() instanceof DataNode.Mapping)) {
            problem(map.lineOf(key), "'" + key + "' is a mapping of names, not a " + node.get().kind());
            return Optional.empty();
        }
        return node.map(DataNode.Mapping.class::cast);
    }

    private Optional<DataNode.Sequence> sequence(DataNode.Mapping map, String key) {
        Optional<DataNode> node = map.get(key);
        if (node.isPresent() && !(node.get() instanceof DataNode.Sequence)) {
            problem(map.lineOf(key), "'" + key + "' is a list, not a " + node.get().kind());
            return Optional.empty();
        }
        return node.map(DataNode.Sequence.class::cast);
    }

    private void unknownKeys(DataNode.Mapping map, List<String> known, String what) {
        Set<String> allowed = new HashSet<>(known);
        map.entries().keySet().stream().filter(k -> !allowed.contains(k)).forEach(k -> problem(map.lineOf(k),
                "unknown key '" + k + "' in " + what + " (expected one of " + String.join(", ", known) + ")"));
    }

    private void problem(int line, String what) {
        problems.add(new Problem(line, source + ":" + line + ": " + what));
    }

    private static Map<String, ValueKind> orderedMap(Object... keysAndValues) {
        Map<String, ValueKind> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (ValueKind) keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
