package org.ctys.core.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ctys.api.Target;
import org.ctys.api.exec.CommandRunner;
import org.ctys.core.Invocation;
import org.ctys.core.dispatch.FanOut;
import org.ctys.core.exec.Connections;
import org.ctys.core.exec.Escalation;
import org.ctys.core.exec.PlannedCommand;
import org.ctys.core.plugin.PluginRegistry;

/**
 * What every target of one action shares: the run's context and connections, the plugins, whether it is a dry
 * run and the plan it records, how targets are fanned out and how commands become root.
 *
 * @param invocation the run's context
 * @param connections how targets are reached
 * @param registry the plugins loaded, whose services contexts offer
 * @param dryRun whether commands are recorded instead of run
 * @param limits parallelism and deadlines, for the action's targets and the targets a plugin reaches from them
 * @param escalation how root commands become root where a target's own {@code -Z} does not say
 * @param owner the plugin the work belongs to, named when it breaks
 * @param planned the commands a dry run recorded, by the target whose plan shows them
 */
record ActionScope(Invocation invocation, Connections connections, PluginRegistry registry, boolean dryRun,
                   FanOut.Limits limits, Escalation escalation, String owner,
                   Map<Target, List<PlannedCommand>> planned) {

    ActionScope(Invocation invocation, Connections connections, PluginRegistry registry, boolean dryRun,
                FanOut.Limits limits, Escalation escalation, String owner) {
        this(invocation, connections, registry, dryRun, limits, escalation, owner, new ConcurrentHashMap<>());
    }

    /**
     * @param shownAs the target in whose plan a dry run shows the commands (a plugin's other targets show in the
     *     plan of the target it acts from)
     * @return runners for targets
     */
    FanOut.Runners runners(Target shownAs) {
        return (target, deadline) -> runner(target, deadline, shownAs == null ? target : shownAs);
    }

    private CommandRunner runner(Target target, Instant deadline, Target shownAs) {
        return connections.runnerFor(target, deadline, escalation, dryRun ? c -> planned.computeIfAbsent(shownAs,
                t -> Collections.synchronizedList(new ArrayList<>())).add(c) : null);
    }
}
