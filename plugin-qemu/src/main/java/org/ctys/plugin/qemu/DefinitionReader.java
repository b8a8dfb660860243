package org.ctys.plugin.qemu;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.ctys.api.UsageException;
import org.ctys.spi.DataNode;
import org.ctys.spi.DataParser;

/**
 * Turns a parsed YAML definition into a {@link VmDefinition}, collecting every problem as {@code file:line: what
 * is wrong; what was expected}. Unknown keys are errors, so a typo never silently drops a setting.
 */
final class DefinitionReader {

    /** Labels name files under CTYS_SOCKBASE and appear in QEMU options: no separators, no dots first. */
    static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,7})([MG]i?B?)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern WORD = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,31}");
    private static final List<String> KEYS = List.of("label", "memory", "cpus", "machine", "boot", "disks",
            "cdrom", "kernel", "initrd", "append", "nics", "console");
    private static final List<String> DISK_KEYS = List.of("file", "format", "interface", "readonly");
    private static final List<String> NIC_KEYS = List.of("mac", "model", "switch");
    private static final List<String> NIC_MODELS = List.of("virtio-net-pci", "e1000", "e1000e", "rtl8139",
            "ne2k_pci", "pcnet", "vmxnet3");
    private static final Map<String, Character> BOOT = Map.of("network", 'n', "disk", 'c', "cdrom", 'd');

    private final String source;
    private final List<String> problems = new ArrayList<>();

    private DefinitionReader(String source) {
        this.source = source;
    }

    /**
     * The outcome of reading one file.
     *
     * @param source the file
     * @param label the label it declares (or its file name's), even when it is invalid
     * @param definition the definition, empty when there are problems
     * @param problems every problem found, one line each
     */
    record Outcome(String source, String label, Optional<VmDefinition> definition, List<String> problems) {
    }

    /**
     * @param root the parsed document
     * @param source the file it came from
     * @return the definition or its problems
     */
    static Outcome read(DataNode root, String source) {
        return new DefinitionReader(source).outcome(root);
    }

    /**
     * Reads a definition file as the survey found it: not readable, not YAML, or a definition with its problems.
     *
     * @param parser core's YAML reader
     * @param file the file and its text
     * @return the outcome; a file that cannot be read or parsed has that as its one problem and its name as label
     */
    static Outcome read(DataParser parser, Survey.DefinitionFile file) {
        if (file.error() != null) {
            return new Outcome(file.path(), labelOfFile(file.path()), Optional.empty(),
                    List.of(file.path() + ": " + file.error()));
        }
        try {
            return read(parser.yaml(file.text(), file.path()), file.path());
        } catch (UsageException e) {
            return new Outcome(file.path(), labelOfFile(file.path()), Optional.empty(), List.of(e.getMessage()));
        }
    }

    /** @return the label a file declares by its name: {@code /etc/ctys/vms/vm1.yaml} is {@code vm1} */
    static String labelOfFile(String source) {
        String name = source.substring(source.lastIndexOf('/') + 1);
        return name.replaceFirst("\\.ya?ml$", "");
    }

    private Outcome outcome(DataNode root) {
        if (!(root instanceof DataNode.Mapping map)) {
            problem(root.line(), "a definition is a mapping of keys to values, not a " + root.kind());
            return new Outcome(source, labelOfFile(source), Optional.empty(), List.copyOf(problems));
        }
        unknownKeys(map, KEYS);
        String label = text(map, "label").orElse(labelOfFile(source));
        if (!LABEL.matcher(label).matches()) {
            problem(map.lineOf("label"), "label '" + label + "' is not valid; expected letters, digits, '_', '.' "
                    + "or '-', 63 at most, starting with a letter or digit");
        }
        int memory = text(map, "memory").map(v -> memory(v, map.lineOf("memory"))).orElse(128);
        int cpus = text(map, "cpus").map(v -> number(v, map.lineOf("cpus"), "cpus", 1, 64)).orElse(1);
        String machine = text(map, "machine").map(v -> word(v, map.lineOf("machine"), "machine")).orElse("pc");
        List<VmDefinition.Disk> disks = list(map, "disks", this::disk);
        List<VmDefinition.Nic> nics = list(map, "nics", this::nic);
        Set<String> macs = new HashSet<>();
        for (VmDefinition.Nic nic : nics) {
            if (nic.mac() != null && !macs.add(nic.mac())) {
                problem(map.lineOf("nics"), "MAC " + nic.mac() + " is used by two nics of this guest");
            }
        }
        String cdrom = text(map, "cdrom").map(v -> path(v, map.lineOf("cdrom"), "cdrom")).orElse(null);
        String kernel = text(map, "kernel").map(v -> path(v, map.lineOf("kernel"), "kernel")).orElse(null);
        String initrd = text(map, "initrd").map(v -> path(v, map.lineOf("initrd"), "initrd")).orElse(null);
        String append = text(map, "append").orElse(null);
        if (append != null && append.chars().anyMatch(Character::isISOControl)) {
            problem(map.lineOf("append"), "append '" + append + "' holds a control character; expected one line");
        }
        if ((initrd != null || append != null) && kernel == null) {
            problem(map.lineOf(initrd != null ? "initrd" : "append"), "initrd and append need a kernel");
        }
        String boot = boot(map, disks, cdrom, kernel, nics);
        VmDefinition.Console console = text(map, "console").map(v -> console(v, map.lineOf("console")))
                .orElse(VmDefinition.Console.NONE);
        Optional<VmDefinition> definition = problems.isEmpty()
                ? Optional.of(new VmDefinition(label, source, memory, cpus, machine, boot, disks, cdrom, kernel,
                initrd, append, nics, console))
                : Optional.empty();
        return new Outcome(source, label, definition, List.copyOf(problems));
    }

    private String boot(DataNode.Mapping map, List<VmDefinition.Disk> disks, String cdrom, String kernel,
                        List<VmDefinition.Nic> nics) {
        StringBuilder order = new StringBuilder();
        for (String word : list(map, "boot", node -> scalar(node, "boot entry"))) {
            Character letter = word == null ? null : BOOT.get(word.toLowerCase(Locale.ROOT));
            if (letter == null) {
                problem(map.lineOf("boot"), "boot entry '" + word + "' is not known; expected network, disk or cdrom");
            } else if (order.indexOf(letter.toString()) < 0) {
                order.append(letter);
            }
        }
        if (order.isEmpty()) {
            order.append(!disks.isEmpty() ? "c" : cdrom != null ? "d" : "n");
        }
        if (kernel == null && disks.isEmpty() && cdrom == null && nics.isEmpty()) {
            problem(map.line(), "nothing to boot from; expected disks, a cdrom, a kernel or nics for network boot");
        }
        if (order.indexOf("n") >= 0 && nics.isEmpty()) {
            problem(map.lineOf("boot"), "boot from the network needs at least one nic");
        }
        return order.toString();
    }

    private VmDefinition.Disk disk(DataNode node) {
        if (!(node instanceof DataNode.Mapping map)) {
            String file = scalar(node, "disk");
            return file == null ? null : new VmDefinition.Disk(path(file, node.line(), "disk"), formatOf(file),
                    "virtio", false);
        }
        unknownKeys(map, DISK_KEYS);
        String file = text(map, "file").map(v -> path(v, map.lineOf("file"), "disk file")).orElse(null);
        if (file == null) {
            problem(map.line(), "a disk needs a file");
        }
        String format = text(map, "format").map(v -> word(v, map.lineOf("format"), "format"))
                .orElse(file == null ? "raw" : formatOf(file));
        String bus = text(map, "interface").map(v -> word(v, map.lineOf("interface"), "interface")).orElse("virtio");
        boolean readOnly = text(map, "readonly").map(v -> bool(v, map.lineOf("readonly"))).orElse(false);
        return new VmDefinition.Disk(file, format, bus, readOnly);
    }

    private static String formatOf(String file) {
        return file.endsWith(".qcow2") ? "qcow2" : "raw";
    }

    private VmDefinition.Nic nic(DataNode node) {
        if (!(node instanceof DataNode.Mapping map)) {
            problem(node.line(), "a nic is a mapping (mac, model, switch), not a " + node.kind());
            return null;
        }
        unknownKeys(map, NIC_KEYS);
        String mac = text(map, "mac").map(v -> mac(v, map.lineOf("mac"))).orElse(null);
        if (mac == null && map.get("mac").isEmpty()) {
            problem(map.line(), "a nic needs a mac, e.g. 52:54:00:12:34:56");
        }
        String model = text(map, "model").orElse("virtio-net-pci");
        if (!NIC_MODELS.contains(model)) {
            problem(map.lineOf("model"), "nic model '" + model + "' is not known; expected one of "
                    + String.join(", ", NIC_MODELS));
        }
        String user = text(map, "switch").orElse(null);
        if (user != null && !USER.matcher(user).matches()) {
            problem(map.lineOf("switch"), "switch '" + user + "' is not a user name; expected the user whose "
                    + "VDE switch the nic plugs into");
        }
        return new VmDefinition.Nic(mac, model, user);
    }

    private String mac(String value, int line) {
        String mac = value.toLowerCase(Locale.ROOT);
        if (!MAC.matcher(mac).matches()) {
            problem(line, "MAC '" + value + "' is not valid; expected six hex pairs like 52:54:00:12:34:56");
            return null;
        }
        int first = Integer.parseInt(mac.substring(0, 2), 16);
        if ((first & 1) != 0 || mac.equals("00:00:00:00:00:00")) {
            problem(line, "MAC '" + value + "' is not a unicast address; expected an even first octet, "
                    + "e.g. 52:54:00:12:34:56");
            return null;
        }
        return mac;
    }

    private int memory(String value, int line) {
        var m = SIZE.matcher(value.strip());
        if (!m.matches()) {
            problem(line, "memory '" + value + "' is not a size; expected MiB like 256, 512M or 2G");
            return 0;
        }
        long mib = Long.parseLong(m.group(1)) * (m.group(2) != null && m.group(2).toUpperCase(Locale.ROOT)
                .startsWith("G") ? 1024 : 1);
        if (mib < 16 || mib > 1 << 20) {
            problem(line, "memory '" + value + "' is out of range; expected 16 MiB to 1 TiB");
            return 0;
        }
        return (int) mib;
    }

    private int number(String value, int line, String key, int min, int max) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(line, key + " '" + value + "' is not valid; expected a whole number from " + min + " to " + max);
        return min;
    }

    private boolean bool(String value, int line) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                problem(line, "readonly '" + value + "' is not valid; expected true or false");
                yield false;
            }
        };
    }

    private String word(String value, int line, String key) {
        if (!WORD.matcher(value).matches()) {
            problem(line, key + " '" + value + "' is not valid; expected a QEMU name such as pc, qcow2 or virtio");
        }
        return value;
    }

    private String path(String value, int line, String key) {
        if (!value.startsWith("/") || value.contains("\n")) {
            problem(line, key + " '" + value + "' is not valid; expected an absolute path on the target");
        }
        return value;
    }

    private VmDefinition.Console console(String value, int line) {
        try {
            return VmDefinition.Console.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problem(line, "console '" + value + "' is not known; expected none, serial or vnc");
            return VmDefinition.Console.NONE;
        }
    }

    private void unknownKeys(DataNode.Mapping map, List<String> known) {
        for (String key : map.entries().keySet()) {
            if (!known.contains(key)) {
                problem(map.lineOf(key), "unknown key '" + key + "'; expected one of " + String.join(", ", known));
            }
        }
    }

    private Optional<String> text(DataNode.Mapping map, String key) {
        return map.get(key).map(node -> scalar(node, key));
    }

    private String scalar(DataNode node, String key) {
        if (node instanceof DataNode.Scalar scalar) {
            if (scalar.text() == null) {
                problem(node.line(), key + " has no value");
            }
            return scalar.text();
        }
        problem(node.line(), key + " must be a single value, not a " + node.kind());
        return null;
    }

    private <T> List<T> list(DataNode.Mapping map, String key, Function<DataNode, T> item) {
        Optional<DataNode> node = map.get(key);
        if (node.isEmpty()) {
            return List.of();
        }
        List<DataNode> items = node.get() instanceof DataNode.Sequence seq ? seq.items() : List.of(node.get());
        List<T> values = new ArrayList<>();
        for (DataNode n : items) {
            T value = item.apply(n);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    private void problem(int line, String message) {
        // a quoted value may hold control characters; a problem stays one line
        problems.add(source + ":" + line + ": " + message.replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t"));
    }
}
