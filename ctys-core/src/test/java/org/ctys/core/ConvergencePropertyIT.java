package org.ctys.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.ctys.core.testing.CtysRun;
import org.ctys.core.testing.ScratchDirectory;
import org.ctys.core.testing.ScratchNamespace;
import org.ctys.core.testing.SystemTests;

/**
 * Random sequences of create, cancel, check and breakages by hand (the tap, the bridge, the bridge's state, the
 * tap's place in it, the switch, its socket, its record), in a scratch namespace: after every create that exits 0,
 * check exits 0; after every cancel that exits 0, nothing of the switch is left - but a bridge whose record was
 * deleted by hand, which root cannot prove it made.
 */
class ConvergencePropertyIT {

    /** What a user or an admin may do next to a switch, ctys's actions and breakages by hand. */
    enum Step {
        CREATE, CANCEL, CHECK,
        DELETE_TAP("ip link del dev $TAP"),
        DELETE_BRIDGE("ip link del dev ctysbr0"),
        BRIDGE_DOWN("ip link set dev ctysbr0 down"),
        TAP_OUT_OF_BRIDGE("ip link set dev $TAP nomaster"),
        KILL_SWITCH("kill -9 $(cat $BASE/vde_mgmt0.root.pid)"),
        REMOVE_SOCKET("rm -f $BASE/vde_mgmt0.root"),
        REMOVE_RECORD("rm -f $BASE/ctys-0/*.ctys");

        final String breakage;

        Step() {
            this(null);
        }

        Step(String breakage) {
            this.breakage = breakage;
        }
    }

    @Property(tries = 10, shrinking = ShrinkingMode.OFF)
    void anySequenceOfActionsAndBreakagesConverges(@ForAll("sequences") List<Step> steps) throws Exception {
        SystemTests.requireRootAnd("vde_switch");
        try (ScratchDirectory scratch = ScratchDirectory.create("ctys-converge-");
             ScratchNamespace host = ScratchNamespace.create()) {
            Path base = scratch.path();
            List<String> done = new ArrayList<>();
            // a bridge ctys made whose record was deleted by hand cannot be proven ctys's: cancel leaves it (and only
            // it) until someone deletes it
            boolean orphanedBridge = false;
            for (Step step : steps) {
                done.add(step.name());
                if (step == Step.REMOVE_RECORD && !host.sh("ip -o link show ctysbr0 2>/dev/null || true").isBlank()) {
                    orphanedBridge = true;
                } else if (step == Step.DELETE_BRIDGE) {
                    orphanedBridge = false;
                }
                if (step.breakage != null) {
                    String tap = ConvergenceIT.tapOf(host, base);
                    host.sh("(" + step.breakage.replace("$TAP", tap.isEmpty() ? "none" : tap).replace("$BASE",
                            base.toString()) + ") 2>/dev/null; sleep 0.2; true");
                    continue;
                }
                CtysRun run = ConvergenceIT.ctys(host, base, step.name().toLowerCase());
                if (step == Step.CREATE) {
                    assertEquals(0, run.code(), done + ": " + run);
                    CtysRun check = ConvergenceIT.ctys(host, base, "check");
                    assertEquals(0, check.code(), done + ", then check: " + check);
                } else if (step == Step.CANCEL && run.code() == 0) {
                    String left = ConvergenceIT.leftovers(host, base);
                    assertEquals("", orphanedBridge ? left.replaceFirst("^ctysbr0$", "") : left,
                            done + ": cancel left something");
                }
            }
            ConvergenceIT.ctys(host, base, "cancel=f");
            host.sh("ip link del ctysbr0 2>/dev/null; true");
        }
    }

    @Provide
    Arbitrary<List<Step>> sequences() {
        return Arbitraries.of(Step.class).list().ofMinSize(4).ofMaxSize(9)
                .map(steps -> {
                    List<Step> withCreate = new ArrayList<>(List.of(Step.CREATE));
                    withCreate.addAll(steps);
                    withCreate.add(Step.CREATE);
                    withCreate.add(Step.CANCEL);
                    return withCreate;
                });
    }

}
