package org.ctys.core.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.ctys.api.ActionResult;
import org.ctys.api.EnvironmentException;
import org.ctys.api.Target;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandRunner;
import org.ctys.api.exec.HeldLock;
import org.ctys.api.exec.LockedLook;
import org.ctys.api.exec.Privilege;
import org.ctys.api.exec.SocketConnection;
import org.ctys.core.config.DataDocuments;
import org.ctys.core.dispatch.FanOut;
import org.ctys.core.dispatch.RunSummary;
import org.ctys.core.exec.ActionLocks;
import org.ctys.core.exec.TargetCommandRunner;
import org.ctys.spi.DataParser;
import org.ctys.spi.PluginContext;
import org.ctys.spi.TargetOutcome;

/**
 * What a plugin sees of one target.
 *
 * @param target the target
 * @param runner runs commands on it
 * @param scope what the action's targets share
 * @param locks the target's locks, which end with its deadline
 * @param shownAs the target whose dry-run plan shows this one's commands
 */
record ActionContext(Target target, CommandRunner runner, ActionScope scope, ActionLocks locks, Target shownAs)
        implements PluginContext {

    ActionContext {
        // what the action runs while it holds a lock goes through the lock's own session
        runner = runner instanceof TargetCommandRunner onTarget ? onTarget.alongside(locks) : runner;
    }

    /**
     * @param shownAs the target whose plan shows this one's commands
     * @return the context of a target whose work starts now: its deadline starts with it
     */
    static ActionContext of(Target target, CommandRunner runner, ActionScope scope, Target shownAs) {
        Duration perTarget = scope.limits().perTarget();
        return new ActionContext(target, runner, scope, new ActionLocks(target,
                scope.connections().transportFor(target), perTarget == null ? null : Instant.now().plus(perTarget)),
                shownAs);
    }

    @Override
    public HeldLock lock(String directory, Duration wait) {
        // a dry run changes nothing, so there is nothing to serialize
        return scope.dryRun() ? () -> { } : locks.lock(directory, wait);
    }

    @Override
    public LockedLook lockAndLook(String directory, Duration wait, Command look) {
        return scope.dryRun() ? PluginContext.super.lockAndLook(directory, wait, look)
                : locks.lockAndLook(directory, wait, look, runner);
    }

    @Override
    public <T> Optional<T> service(Class<T> type) {
        if (type == DataParser.class) {
            return Optional.of(type.cast(new DataDocuments()));
        }
        return scope.registry().plugins().stream().filter(p -> p.usable()).flatMap(p -> p.services().stream())
                .filter(type::isInstance).map(type::cast).findFirst();
    }

    @Override
    public SocketConnection connect(String path, Duration timeout) {
        return scope.connections().transportFor(target).connect(path, timeout);
    }

    @Override
    public Optional<String> setting(String name) {
        return scope.invocation().setting(name);
    }

    @Override
    public boolean dryRun() {
        return scope.dryRun();
    }

    @Override
    public List<String> standaloneCommand(Target other, Command command) {
        if (!scope.connections().isLocal(target)) {
            throw new EnvironmentException("a command line for another host is started on the host ctys runs on, "
                    + "not on " + target.address());
        }
        if (command.privilege() == Privilege.ROOT) {
            throw new IllegalArgumentException("a standalone command runs as the login user: " + command.argv());
        }
        return scope.connections().standaloneCommandLine(other, command.argv());
    }

    @Override
    public <T> List<TargetOutcome<T>> onEach(List<Target> targets, Function<PluginContext, T> work) {
        if (new HashSet<>(targets).size() != targets.size()) {
            throw new IllegalArgumentException("a target is named twice in " + targets);
        }
        if (targets.isEmpty()) {
            return List.of();
        }
        Map<Target, T> values = Collections.synchronizedMap(new HashMap<>());
        // the same limits, but one target's failure is its own outcome, never a reason to stop the others
        FanOut.Limits limits = new FanOut.Limits(scope.limits().parallel(), scope.limits().perTarget(), false);
        FanOut fanOut = new FanOut(scope.runners(shownAs), limits, scope.owner());
        scope.invocation().cancellation().onCancel(fanOut::cancel);
        RunSummary summary = fanOut.run(targets, (other, otherRunner) -> {
            values.put(other, work.apply(of(other, otherRunner, scope, shownAs)));
            return ActionResult.of("");
        }, outcome -> { });
        return summary.outcomes().stream()
                .map(o -> new TargetOutcome<>(o.target(), values.get(o.target()), o.error())).toList();
    }
}
