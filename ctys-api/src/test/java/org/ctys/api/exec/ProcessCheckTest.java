package org.ctys.api.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The one liveness check, run by a real shell against real processes: alive, another program, a zombie. */
class ProcessCheckTest {

    private static int run(Command command) throws Exception {
        Process shell = new ProcessBuilder(command.argv()).redirectErrorStream(true).start();
        shell.getInputStream().readAllBytes();
        return shell.waitFor();
    }

    @Test
    void aLiveProcessIsAliveOnlyWithWhatItsCommandLineHolds() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "31.5").start();
        try {
            String pid = Long.toString(sleeper.pid());
            assertEquals(0, run(ProcessCheck.alive(pid)));
            assertEquals(0, run(ProcessCheck.alive(pid, "31.5", "sleep")));
            assertEquals(1, run(ProcessCheck.alive(pid, "31.5", "a reused pid's other program")));
            assertEquals(1, run(ProcessCheck.alive("not-a-pid")));
            assertEquals(1, run(ProcessCheck.alive("")));
            assertEquals(1, run(ProcessCheck.waitUntilGone(pid, Duration.ofMillis(50))), "still there after 50 ms");
        } finally {
            sleeper.destroyForcibly();
            sleeper.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aZombieIsGone() throws Exception {
        // the shell starts a child that ends at once, then becomes a sleep that never reaps it: a zombie, as a
        // stopped daemon is for seconds on a host whose init reaps late
        Process parent = new ProcessBuilder("sh", "-c", "true & echo $!; exec sleep 30").start();
        try {
            String zombie = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertEquals(0, run(ProcessCheck.waitUntilGone(zombie, Duration.ofSeconds(5))));
            assertEquals(1, run(ProcessCheck.alive(zombie)));
        } finally {
            parent.destroyForcibly();
            parent.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
