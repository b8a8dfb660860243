package org.ctys.core.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.ctys.api.ActionResult;
import org.ctys.api.EnvironmentException;
import org.ctys.api.Target;
import org.ctys.api.UsageException;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    private static HostOutcome ok(String host) {
        return new HostOutcome(Target.of(host), ActionResult.of("ok"), null);
    }

    private static HostOutcome failed(String host, RuntimeException error) {
        return new HostOutcome(Target.of(host), null, (org.ctys.api.CtysException) error);
    }

    @Test
    void exitCodeAddsUpTheOutcomes() {
        assertEquals(0, new RunSummary(List.of(ok("a"), ok("b"))).exitCode());
        assertEquals(3, new RunSummary(List.of(ok("a"), failed("b", new EnvironmentException("x")))).exitCode());
        assertEquals(2, new RunSummary(List.of(failed("a", new EnvironmentException("x")),
                failed("b", new EnvironmentException("y")))).exitCode());
        assertEquals(1, new RunSummary(List.of(failed("a", new UsageException("x")))).exitCode());
        assertEquals(3, new RunSummary(List.of(failed("a", new UsageException("x")),
                failed("b", new EnvironmentException("y")))).exitCode());
    }

    @Test
    void aPluginThatThrowsFailsOnlyItsTarget() {
        RunSummary summary = new FanOut(t -> null, 4, "broken").run(List.of(Target.of("a"), Target.of("b")),
                (target, runner) -> {
                    if (target.host().equals("a")) {
                        throw new IllegalStateException("boom");
                    }
                    return ActionResult.of("fine");
                });
        assertEquals("plugin broken failed: java.lang.IllegalStateException: boom",
                summary.outcomes().get(0).error().getMessage());
        assertEquals("fine", summary.outcomes().get(1).result().message());
        assertEquals(3, summary.exitCode());
    }
}
