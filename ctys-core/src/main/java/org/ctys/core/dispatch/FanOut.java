package org.ctys.core.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.ctys.api.CtysException;
import org.ctys.api.Target;
import org.ctys.api.TargetFailureException;
import org.ctys.api.TargetFailureException.Reason;
import org.ctys.api.exec.CommandRunner;
import org.ctys.core.plugin.PluginFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task on many targets in parallel, at most {@code parallel} at a time, each within its own deadline, and
 * keeps every outcome in target order. One target's failure never stops the others, unless fail-fast is asked for:
 * then targets not yet started are not started. {@link #cancel()} (Ctrl-C) stops running targets and reports each.
 */
public final class FanOut {

    private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);
    /** How long past its deadline a target's thread is given before it is interrupted. */
    private static final Duration GRACE = Duration.ofSeconds(5);
    /** How long an interrupted target's thread is given to return before the target is abandoned. */
    private static final Duration UNWIND = Duration.ofSeconds(1);

    /**
     * How the fan-out is bounded.
     *
     * @param parallel how many targets run at once, at least 1
     * @param perTarget how long one target may take, or {@code null} for no limit
     * @param failFast whether to start no more targets after the first failure
     */
    public record Limits(int parallel, Duration perTarget, boolean failFast) {
        /** Validates. */
        public Limits {
            if (parallel < 1) {
                throw new IllegalArgumentException("fan-out must be at least 1: " + parallel);
            }
        }
    }

    /** Makes the runner for a target, given the instant its work must end (or {@code null}). */
    @FunctionalInterface
    public interface Runners {
        /**
         * @param target the target
         * @param deadline when its work must end, or {@code null}
         * @return the runner for it
         */
        CommandRunner forTarget(Target target, Instant deadline);
    }

    private final Runners runners;
    private final Limits limits;
    private final String owner;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean failed = new AtomicBoolean();
    private volatile ExecutorService pool;
    private volatile Instant cancelledAt;

    /**
     * @param runners the runner for each target
     * @param limits parallelism, deadline, fail-fast
     * @param owner who the task belongs to (a plugin id), named when it breaks
     */
    public FanOut(Runners runners, Limits limits, String owner) {
        this.runners = runners;
        this.limits = limits;
        this.owner = owner;
    }

    /**
     * @param targets the targets, at least one
     * @param task the work for each
     * @param onOutcome told of each outcome as it happens (for progress), from any thread
     * @return one outcome per target, in order
     */
    public RunSummary run(List<Target> targets, HostTask task, Consumer<HostOutcome> onOutcome) {
        ExecutorService workers = Executors.newFixedThreadPool(Math.min(limits.parallel(), targets.size()), r -> {
            Thread thread = new Thread(r, "ctys-target");
            thread.setDaemon(true);
            return thread;
        });
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ctys-deadline");
            thread.setDaemon(true);
            return thread;
        });
        pool = workers;
        try {
            List<Slot> slots = new ArrayList<>();
            for (Target target : targets) {
                Slot slot = new Slot(target, onOutcome);
                slot.future = workers.submit(() -> {
                    slot.started = Instant.now();
                    return slot.report(runOne(target, task, watchdog));
                });
                slots.add(slot);
            }
            List<HostOutcome> outcomes = new ArrayList<>();
            for (Slot slot : slots) {
                outcomes.add(await(slot));
            }
            return new RunSummary(outcomes);
        } finally {
            workers.shutdownNow();
            watchdog.shutdownNow();
        }
    }

    /** One target's place in the run: its task, when it started, and whether its outcome was reported. */
    private static final class Slot {
        private final Target target;
        private final Consumer<HostOutcome> onOutcome;
        private final java.util.concurrent.atomic.AtomicReference<HostOutcome> outcome =
                new java.util.concurrent.atomic.AtomicReference<>();
        private volatile Instant started;
        private Future<HostOutcome> future;

        Slot(Target target, Consumer<HostOutcome> onOutcome) {
            this.target = target;
            this.onOutcome = onOutcome;
        }

        /** The first outcome of a target counts; an abandoned task that returns later is ignored. */
        HostOutcome report(HostOutcome candidate) {
            if (outcome.compareAndSet(null, candidate)) {
                onOutcome.accept(candidate);
            }
            return outcome.get();
        }
    }

    private HostOutcome await(Slot slot) {
        while (true) {
            try {
                return slot.future.get(100, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                if (cancelled.get() && slot.started == null) {
                    slot.future.cancel(false);
                    return slot.report(new HostOutcome(slot.target, null, new TargetFailureException(
                            Reason.CANCELLED, "not started: the run was cancelled"), Duration.ZERO));
                }
                if (overdue(slot)) {
                    // plugin code that ignores the interrupt at its deadline: give up on it, not on the run
                    slot.future.cancel(true);
                    failed.set(true);
                    return slot.report(new HostOutcome(slot.target, null, cancelledAt != null
                            ? new TargetFailureException(Reason.CANCELLED, "plugin " + owner + " did not stop when "
                                    + "the run was cancelled; the target was abandoned")
                            : new TargetFailureException(Reason.TIMEOUT, "plugin " + owner + " did not return within "
                                    + "the deadline of " + readable(limits.perTarget()) + "; the target was abandoned"), Duration.between(slot.started, Instant.now())));
                }
            } catch (InterruptedException e) {
                cancel();
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.CancellationException e) {
                return slot.report(new HostOutcome(slot.target, null, new TargetFailureException(Reason.CANCELLED,
                        "not started: the run was cancelled"), Duration.ZERO));
            } catch (ExecutionException e) {
                throw new IllegalStateException("a target task escaped its error handling", e.getCause());
            }
        }
    }

    private static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** Past its deadline and the interrupt's grace, plus a second to unwind; or cancelled that long ago. */
    private boolean overdue(Slot slot) {
        Instant started = slot.started;
        Instant cancelledAt = this.cancelledAt;
        Instant now = Instant.now();
        return started != null && (limits.perTarget() != null
                && now.isAfter(started.plus(limits.perTarget()).plus(GRACE).plus(UNWIND))
                || cancelledAt != null && now.isAfter(cancelledAt.plus(UNWIND.multipliedBy(2))));
    }

    /** Stops the run: targets not started are not started, running targets are interrupted. */
    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            cancelledAt = Instant.now();
            ExecutorService workers = pool;
            if (workers != null) {
                workers.shutdownNow();
            }
        }
    }

    private HostOutcome runOne(Target target, HostTask task, ScheduledExecutorService watchdog) {
        Instant start = Instant.now();
        if (cancelled.get() || limits.failFast() && failed.get()) {
            return new HostOutcome(target, null, new TargetFailureException(Reason.CANCELLED, cancelled.get()
                    ? "not started: the run was cancelled" : "not started: --fail-fast after a failure"),
                    Duration.ZERO);
        }
        Instant deadline = limits.perTarget() == null ? null : start.plus(limits.perTarget());
        Thread worker = Thread.currentThread();
        Future<?> alarm = deadline == null ? null : watchdog.schedule(worker::interrupt,
                limits.perTarget().plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("{}: start", target);
        HostOutcome outcome;
        try {
            outcome = new HostOutcome(target, task.run(target, runners.forTarget(target, deadline)), null,
                    Duration.between(start, Instant.now()));
        } catch (CtysException e) {
            outcome = new HostOutcome(target, null, cancelled.get() ? new TargetFailureException(Reason.CANCELLED,
                    "stopped: the run was cancelled (" + e.getMessage() + ")") : e,
                    Duration.between(start, Instant.now()));
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            LOG.warn("{}: plugin {} broke its contract", target, owner, e);
            outcome = new HostOutcome(target, null, new PluginFailureException(owner, e),
                    Duration.between(start, Instant.now()));
        } finally {
            if (alarm != null) {
                alarm.cancel(false);
            }
            Thread.interrupted();
        }
        if (!outcome.succeeded()) {
            failed.set(true);
        }
        LOG.info("{}: {} {}", target, outcome.status(), outcome.succeeded() ? "" : outcome.error().getMessage());
        return outcome;
    }
}
