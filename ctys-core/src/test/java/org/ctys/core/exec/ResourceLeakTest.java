package org.ctys.core.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.ctys.api.EnvironmentException;
import org.ctys.api.Target;
import org.ctys.api.TargetFailureException;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.HeldLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file descriptors and threads of this JVM after many commands, batches, timeouts and locks on this machine
 * are what they were before: one long run (a 50-host fan-out) cannot pile them up.
 */
class ResourceLeakTest {

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static void settle() throws InterruptedException {
        // output drains end with their process; give the last ones a moment
        for (int i = 0; i < 50 && Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("ctys-output")); i++) {
            Thread.sleep(20);
        }
    }

    @Test
    void commandsBatchesTimeoutsAndLocksGiveBackWhatTheyOpened(@TempDir Path directory) throws Exception {
        TargetCommandRunner runner = new TargetCommandRunner(Target.LOCALHOST, Transport.LOCAL, Escalation.NONE,
                null, null);
        ActionLocks locks = new ActionLocks(Target.LOCALHOST, Transport.LOCAL, null);
        // warm up: class loading and the JDK's own process reaper threads open what they keep
        runner.run(Command.of("true"));
        locks.lock(directory.toString(), Duration.ofSeconds(5)).close();
        settle();
        long before = openDescriptors();
        for (int i = 0; i < 100; i++) {
            runner.run(Command.of("sh", "-c", "echo out; echo err >&2").withStdin("input"));
            runner.runAll(List.of(Command.of("true"), Command.of("printf", "x")));
            if (i % 10 == 0) {
                assertThrows(TargetFailureException.class, () -> new TargetCommandRunner(Target.LOCALHOST,
                        Transport.LOCAL, Escalation.NONE, null, null).run(Command.of("sleep", "5")
                        .withTimeout(Duration.ofMillis(50))).exitCode());
                try (HeldLock outer = locks.lock(directory.toString(), Duration.ofSeconds(5));
                     HeldLock inner = locks.lock(directory.toString(), Duration.ofSeconds(5))) {
                    assertTrue(outer != inner);
                }
                assertThrows(EnvironmentException.class, () -> locks.lock(directory.resolve("missing").toString(),
                        Duration.ofSeconds(1)));
            }
        }
        settle();
        long after = openDescriptors();
        assertEquals(before, after, "open file descriptors before and after 100 commands, 100 batches, 10 "
                + "timeouts and 20 locks");
    }
}
