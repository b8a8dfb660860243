package org.ctys.core.dispatch;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.ctys.core.ExitCodes;

/**
 * Every target's outcome of one run, and the one exit code they add up to.
 *
 * @param outcomes one per target, in target order
 */
public record RunSummary(List<HostOutcome> outcomes) {

    /** Copies. */
    public RunSummary {
        outcomes = List.copyOf(outcomes);
    }

    /** @return how many targets ended ok, changed and failed, in that order */
    public int[] counts() {
        int[] counts = new int[3];
        outcomes.forEach(o -> counts[o.status().equals("ok") ? 0 : o.status().equals("changed") ? 1 : 2]++);
        return counts;
    }

    /**
     * 0 when every target succeeded. When every target failed for the same kind of reason, that kind's code: 1 for
     * erroneous parameters, 2 for a missing environment element. Otherwise 3: some targets failed.
     *
     * @return the exit code of the run
     */
    public int exitCode() {
        List<HostOutcome> failed = outcomes.stream().filter(o -> !o.succeeded()).toList();
        if (failed.isEmpty()) {
            return ExitCodes.OK;
        }
        Set<Integer> codes = failed.stream().map(o -> ExitCodes.of(o.error()))
                .collect(Collectors.toSet());
        return failed.size() == outcomes.size() && codes.size() == 1 ? codes.iterator().next()
                : ExitCodes.TARGETS_FAILED;
    }
}
