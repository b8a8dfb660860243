package org.ctys.plugin.qemu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ctys.spi.DataNode;
import org.ctys.testkit.RecordingCommandRunner;

/**
 * Fuzzes what the QEMU plugin reads from files and targets: random definition trees (right and wrong keys, types
 * and values) always give an outcome with one-line problems and never a command line with an unchecked value;
 * random survey output never breaks the survey parser.
 */
class DefinitionProperties {

    private static final List<String> KEYS = List.of("label", "memory", "cpus", "machine", "boot", "disks", "cdrom",
            "kernel", "initrd", "append", "nics", "console", "mac", "model", "switch", "file", "format", "interface",
            "readonly", "bogus");
    private static final List<String> VALUES = List.of("vm1", "64", "2G", "0", "-1", "99999999999", "pc", "network",
            "disk", "cdrom", "/srv/a.qcow2", "rel/path", "52:54:00:00:00:01", "53:54:00:00:00:01", "zz:zz", "e1000",
            "virtio-net-pci", "serial", "vnc", "yes", "maybe", "a,b", "$(id)", "x\ny", "", "alice", "Root!");

    @Provide
    Arbitrary<DataNode> trees() {
        Arbitrary<DataNode> scalar = Arbitraries.oneOf(Arbitraries.of(VALUES), Arbitraries.strings().ofMaxLength(8))
                .map(v -> new DataNode.Scalar(v, 1));
        Arbitrary<DataNode> nullScalar = Arbitraries.just(new DataNode.Scalar(null, 1));
        Arbitrary<DataNode> leaf = Arbitraries.oneOf(scalar, nullScalar);
        Arbitrary<DataNode> mapping = Arbitraries.maps(Arbitraries.of(KEYS), Arbitraries.lazy(() -> node(leaf)))
                .ofMaxSize(6).map(DefinitionProperties::mapping);
        return mapping;
    }

    private Arbitrary<DataNode> node(Arbitrary<DataNode> leaf) {
        Arbitrary<DataNode> smallMap = Arbitraries.maps(Arbitraries.of(KEYS), leaf).ofMaxSize(4)
                .map(DefinitionProperties::mapping);
        Arbitrary<DataNode> list = Arbitraries.oneOf(leaf, smallMap).list().ofMaxSize(3)
                .map(items -> new DataNode.Sequence(items, 1));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, leaf), net.jqwik.api.Tuple.of(2, list),
                net.jqwik.api.Tuple.of(1, smallMap));
    }

    private static DataNode mapping(Map<String, DataNode> entries) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        entries.keySet().forEach(k -> lines.put(k, lines.size() + 1));
        return new DataNode.Mapping(entries, lines, 1);
    }

    @Property(tries = 3000)
    void everyTreeGivesADefinitionOrOneLineProblems(@ForAll("trees") DataNode tree) {
        DefinitionReader.Outcome outcome = DefinitionReader.read(tree, "/f.yaml");
        for (String problem : outcome.problems()) {
            if (!problem.startsWith("/f.yaml:") || problem.contains("\n")) {
                throw new AssertionError("not a one-line problem with file and line: " + problem);
            }
        }
        outcome.definition().ifPresent(vm -> {
            List<String> argv = QemuCommandLine.of(vm, Accelerator.TCG, new RunFiles("/b", "u", vm.label()),
                    vm.nics().stream().map(n -> "/b/vde_switch0.u").toList());
            if (argv.stream().anyMatch(a -> a.contains("\n"))) {
                throw new AssertionError("a value with a newline reached QEMU: " + argv);
            }
        });
    }

    @Property(tries = 3000)
    void anySurveyOutputParses(@ForAll("survey") String output) {
        Survey.read(new RecordingCommandRunner(c -> RecordingCommandRunner.ok(output)), "/b", List.of("d:/x"));
    }

    @Provide
    Arbitrary<String> survey() {
        return Arbitraries.oneOf(Arbitraries.of("U", "Q", "K", "F", "E", "G", "running", "stale", "label=x\nuser=y",
                "/b/ctys-vm.u.x", "42", ""), Arbitraries.strings().ofMaxLength(6)).list().ofMaxSize(20)
                .map(parts -> String.join("\0", parts));
    }
}
