package org.ctys.addressing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: address expansion in process, without the JVM start-up and file reading that {@code ctys --expand} adds.
 * The group tree is bench/run.sh's: racks of 100 hosts (a context, a range with options, a plain range) included
 * by one group. Run by bench/run.sh; not a test.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ExpansionBenchmark {

    /** Hosts in the tree. */
    @Param({"1000", "10000"})
    public int hosts;

    private DefinitionTable groups;

    /** Builds the tree in memory. */
    @Setup
    public void tree() {
        Map<String, SourceText> files = new HashMap<>();
        List<String> all = new ArrayList<>();
        for (int r = 1; r <= hosts / 100; r++) {
            all.add("#include rack/r" + r);
            files.put("rack/r" + r, new SourceText("rack/r" + r, "rack/r" + r, List.of("CONTEXT'(-Z SUDO)'",
                    "node[001-050].r" + r + "'(-d 1)'", "web[051-100].r" + r)));
        }
        files.put("all", new SourceText("all", "all", all));
        groups = new DefinitionTable() {
            @Override
            public Optional<SourceText> find(String name) {
                return Optional.ofNullable(files.get(name));
            }

            @Override
            public String searchPath() {
                return "memory";
            }
        };
    }

    /** @return the tree's targets */
    @Benchmark
    public List<ResolvedTarget> groupTree() {
        return new Expander(groups, false).expand(List.of("@all"), "root");
    }

    /** @return as many targets from one host range */
    @Benchmark
    public List<ResolvedTarget> hostRange() {
        return new Expander(DefinitionTable.NONE, false).expand(List.of("web[1-" + hosts + "]"), "root");
    }
}
