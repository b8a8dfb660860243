package org.ctys.core.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.ctys.api.CtysException;
import org.ctys.api.Target;
import org.ctys.api.exec.CommandRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task on many targets in parallel, at most {@code limit} at a time, and keeps every outcome in target
 * order. One target's failure never stops the others.
 */
public final class FanOut {

    private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);

    private final Function<Target, CommandRunner> runners;
    private final int limit;
    private final String owner;

    /**
     * @param runners the runner for each target
     * @param limit how many targets run at once, at least 1
     * @param owner who the task belongs to (a plugin id), named when it breaks
     */
    public FanOut(Function<Target, CommandRunner> runners, int limit, String owner) {
        if (limit < 1) {
            throw new IllegalArgumentException("fan-out limit must be at least 1: " + limit);
        }
        this.runners = runners;
        this.limit = limit;
        this.owner = owner;
    }

    /**
     * @param targets the targets, at least one
     * @param task the work for each
     * @return one outcome per target, in order
     */
    public RunSummary run(List<Target> targets, HostTask task) {
        if (targets.size() == 1) {
            return new RunSummary(List.of(runOne(targets.get(0), task)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(limit, targets.size()), r -> {
            Thread thread = new Thread(r, "ctys-target");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<HostOutcome>> futures = new ArrayList<>();
            for (Target target : targets) {
                futures.add(pool.submit(() -> runOne(target, task)));
            }
            List<HostOutcome> outcomes = new ArrayList<>();
            for (Future<HostOutcome> future : futures) {
                outcomes.add(future.get());
            }
            return new RunSummary(outcomes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for targets", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a target task escaped its error handling", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private HostOutcome runOne(Target target, HostTask task) {
        LOG.info("{}: start", target);
        try {
            HostOutcome outcome = new HostOutcome(target, task.run(target, runners.apply(target)), null);
            LOG.info("{}: done", target);
            return outcome;
        } catch (CtysException e) {
            LOG.info("{}: failed: {}", target, e.getMessage());
            return new HostOutcome(target, null, e);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("{}: plugin {} broke its contract", target, owner, e);
            return new HostOutcome(target, null, new PluginFailureException(owner, e));
        }
    }
}
