package org.ctys.core.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ctys.api.EnvironmentException;
import org.ctys.api.exec.CommandResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one local process to completion, feeding stdin and collecting both output streams without deadlock. A
 * process that outlives its time, or whose thread is interrupted, is stopped with everything it started.
 */
final class ProcessRunner {

    /** Signals that the time ran out: the caller turns it into the target's timeout. */
    static final class TimedOut extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient String stderr;

        TimedOut(String message, String stderr) {
            super(message);
            this.stderr = stderr;
        }

        /** @return what the process wrote to standard error before it was stopped */
        String stderr() {
            return stderr;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);

    private ProcessRunner() {
    }

    static CommandResult run(ProcessEnvironment base, List<String> argv, String stdin,
                             Map<String, String> environment, String directory, Duration timeout) {
        long start = System.nanoTime();
        LOG.debug("run {}", argv);
        ProcessBuilder builder = base.builder(argv);
        builder.environment().putAll(environment);
        if (directory != null) {
            builder.directory(base.resolve(directory).toFile());
        }
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new EnvironmentException("cannot run '" + argv.get(0) + "': " + e.getMessage(), e);
        }
        Drain out = new Drain(process.getInputStream());
        Drain err = new Drain(process.getErrorStream());
        if (stdin != null) {
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the command exited without reading all of its input; its exit status tells the rest
            }
        }
        try {
            boolean finished = timeout == null ? waitFor(process) : process.waitFor(timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            if (!finished) {
                stop(process);
                throw new TimedOut("'" + argv.get(0) + "' did not finish within " + timeout.toMillis() / 1000.0
                        + " s and was stopped", err.settle());
            }
            CommandResult result = new CommandResult(process.exitValue(), out.all(), err.all(),
                    Duration.ofNanos(System.nanoTime() - start));
            LOG.debug("exit {} after {} ms: {}", result.exitCode(), result.elapsed().toMillis(), argv.get(0));
            return result;
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new TimedOut("'" + argv.get(0) + "' was stopped", err.settle());
        }
    }


    /** TERM to the process and its descendants, KILL to whatever is left after a second. */
    static void stop(Process process) {
        var descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static boolean waitFor(Process process) throws InterruptedException {
        process.waitFor();
        return true;
    }

    /**
     * Reads one output stream of a process on its own thread, keeping what arrived so far readable, so that the
     * first lines of a process that had to be stopped are not lost with it.
     */
    static final class Drain {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final Thread reader;

        Drain(InputStream stream) {
            this(stream, () -> { });
        }

        /** @param arrived told of every chunk that arrives, and of the stream's end */
        Drain(InputStream stream, Runnable arrived) {
            reader = new Thread(() -> {
                byte[] chunk = new byte[8192];
                try (InputStream in = stream) {
                    for (int n; (n = in.read(chunk)) > 0; ) {
                        synchronized (buffer) {
                            buffer.write(chunk, 0, n);
                        }
                        arrived.run();
                    }
                } catch (IOException e) {
                    // the process was stopped and its pipe closed: what arrived until then is kept
                } finally {
                    arrived.run();
                }
            }, "ctys-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** @return everything, once the process has ended and its pipe is closed */
        String all() throws InterruptedException {
            reader.join();
            return snapshot();
        }

        /** @return what arrived, after giving a stopped process's pipe a moment to close */
        String settle() {
            try {
                reader.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return snapshot();
        }

        String snapshot() {
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
