package org.ctys.core.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.ctys.api.ActionResult;
import org.ctys.api.CtysException;
import org.ctys.api.EnvironmentException;
import org.ctys.api.PrivilegeException;
import org.ctys.api.Target;
import org.ctys.api.TargetFailureException;
import org.ctys.api.UsageException;
import org.ctys.api.exec.Command;
import org.ctys.core.exec.Escalation;
import org.ctys.core.exec.TargetCommandRunner;
import org.ctys.core.exec.Transport;
import org.ctys.core.plugin.PluginFailureException;
import org.junit.jupiter.api.Test;

class FanOutTest {

    private static final FanOut.Limits FOUR = new FanOut.Limits(4, null, false);

    private static HostOutcome ok(String host, boolean changed) {
        return new HostOutcome(Target.of(host), new ActionResult("ok", List.of(), changed), null, Duration.ZERO);
    }

    private static HostOutcome failed(String host, CtysException error) {
        return new HostOutcome(Target.of(host), null, error, Duration.ZERO);
    }

    private static FanOut local(FanOut.Limits limits) {
        return new FanOut((target, deadline) -> new TargetCommandRunner(target, Transport.LOCAL, Escalation.NONE,
                deadline, null), limits, "test");
    }

    private static List<Target> hosts(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> Target.of("h" + i)).toList();
    }

    @Test
    void exitCodeAddsUpTheOutcomes() {
        assertEquals(0, new RunSummary(List.of(ok("a", false), ok("b", true))).exitCode());
        assertEquals(3, new RunSummary(List.of(ok("a", false), failed("b", new EnvironmentException("x"))))
                .exitCode());
        assertEquals(2, new RunSummary(List.of(failed("a", new PrivilegeException("x")),
                failed("b", new EnvironmentException("y")))).exitCode());
        assertEquals(1, new RunSummary(List.of(failed("a", new UsageException("x")))).exitCode());
        assertEquals(3, new RunSummary(List.of(failed("a", new TargetFailureException(
                TargetFailureException.Reason.CONNECT, "down")))).exitCode());
        assertEquals(3, new RunSummary(List.of(failed("a", new UsageException("x")),
                failed("b", new EnvironmentException("y")))).exitCode());
    }

    @Test
    void outcomesSayOkChangedOrWhichFailure() {
        assertEquals("ok", ok("a", false).status());
        assertEquals("changed", ok("a", true).status());
        assertEquals("timeout", failed("a", new TargetFailureException(TargetFailureException.Reason.TIMEOUT, "t"))
                .failure());
        assertEquals("privilege", failed("a", new PrivilegeException("p")).failure());
        assertEquals("plugin", failed("a", new PluginFailureException("p", new IllegalStateException())).failure());
    }

    @Test
    void aPluginThatThrowsFailsOnlyItsTarget() {
        RunSummary summary = local(FOUR).run(List.of(Target.of("a"), Target.of("b")), (target, runner) -> {
            if (target.host().equals("a")) {
                throw new IllegalStateException("boom");
            }
            return ActionResult.of("fine");
        }, o -> { });
        assertEquals("plugin broken failed: java.lang.IllegalStateException: boom".replace("broken", "test"),
                summary.outcomes().get(0).error().getMessage());
        assertEquals("fine", summary.outcomes().get(1).result().message());
        assertEquals(3, summary.exitCode());
    }

    @Test
    void aPluginThatHangsAndIgnoresItsInterruptIsAbandonedAtItsDeadlineAndCountedOnce() {
        java.util.concurrent.atomic.AtomicInteger reported = new java.util.concurrent.atomic.AtomicInteger();
        long start = System.nanoTime();
        RunSummary summary = local(new FanOut.Limits(4, Duration.ofMillis(300), false)).run(hosts(2),
                (target, runner) -> {
                    if (target.host().equals("h1")) {
                        while (true) {
                            Thread.onSpinWait(); // deaf to interrupts, like a plugin stuck in a loop
                        }
                    }
                    return ActionResult.of("fine");
                }, o -> reported.incrementAndGet());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("timeout", summary.outcomes().get(0).failure());
        assertEquals("plugin test did not return within the deadline of 300 ms; the target was abandoned",
                summary.outcomes().get(0).error().getMessage());
        assertEquals("ok", summary.outcomes().get(1).status());
        assertEquals(2, reported.get(), "each target reported once");
        assertTrue(millis < 9000, "abandoned after deadline + grace + 1 s, took " + millis + " ms");
    }

    @Test
    void runsInParallelUpToTheBound() {
        long start = System.nanoTime();
        RunSummary summary = local(new FanOut.Limits(8, null, false)).run(hosts(8),
                (target, runner) -> ActionResult.of(runner.run(Command.of("sleep", "0.5")).stdout()), o -> { });
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(0, summary.exitCode());
        assertTrue(millis < 2500, "8 x 0.5 s in parallel took " + millis + " ms");
    }

    @Test
    void aDeadlineStopsTheCommandAndFailsOnlyThatTarget() {
        RunSummary summary = local(new FanOut.Limits(4, Duration.ofMillis(700), false)).run(hosts(2),
                (target, runner) -> ActionResult.of(runner.run(Command.of("sleep",
                        target.host().equals("h1") ? "30" : "0.1")).stdout()), o -> { });
        assertEquals("timeout", summary.outcomes().get(0).failure());
        assertTrue(summary.outcomes().get(0).duration().toMillis() < 5000);
        assertEquals("ok", summary.outcomes().get(1).status());
    }

    @Test
    void failFastStartsNoMoreTargetsAfterAFailure() {
        List<String> ran = new CopyOnWriteArrayList<>();
        RunSummary summary = local(new FanOut.Limits(1, null, true)).run(hosts(4), (target, runner) -> {
            ran.add(target.host());
            if (target.host().equals("h2")) {
                throw new TargetFailureException(TargetFailureException.Reason.EXIT, "no");
            }
            return ActionResult.of("ok");
        }, o -> { });
        assertEquals(List.of("h1", "h2"), ran);
        assertEquals(List.of("ok", "failed", "failed", "failed"), summary.outcomes().stream()
                .map(HostOutcome::status).toList());
        assertEquals("not started: --fail-fast after a failure", summary.outcomes().get(3).error().getMessage());
    }

    @Test
    void cancelStopsRunningTargetsAndReportsEveryOne() throws Exception {
        FanOut fanOut = local(new FanOut.Limits(2, null, false));
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
            fanOut.cancel();
        });
        canceller.start();
        RunSummary summary = fanOut.run(hosts(4), (target, runner) -> ActionResult.of(
                runner.run(Command.of("sleep", "30")).stdout()), o -> { });
        canceller.join();
        assertEquals(4, summary.outcomes().size());
        assertTrue(summary.outcomes().stream().allMatch(o -> "cancelled".equals(o.failure())),
                summary.outcomes().toString());
    }
}
