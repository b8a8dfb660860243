package org.ctys.core.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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

        TimedOut(String message) {
            super(message);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);

    private ProcessRunner() {
    }

    static CommandResult run(List<String> argv, String stdin, Map<String, String> environment, String directory,
                             Duration timeout) {
        long start = System.nanoTime();
        LOG.debug("run {}", argv);
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().putAll(environment);
        if (directory != null) {
            builder.directory(new java.io.File(directory));
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
        CompletableFuture<byte[]> out = drain(process.getInputStream());
        CompletableFuture<byte[]> err = drain(process.getErrorStream());
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
                        + " s and was stopped");
            }
            CommandResult result = new CommandResult(process.exitValue(), text(out), text(err),
                    Duration.ofNanos(System.nanoTime() - start));
            LOG.debug("exit {} after {} ms: {}", result.exitCode(), result.elapsed().toMillis(), argv.get(0));
            return result;
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new TimedOut("'" + argv.get(0) + "' was stopped");
        }
    }

    /** TERM to the process and its descendants, KILL to whatever is left after a second. */
    private static void stop(Process process) {
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

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (InputStream in = stream) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                in.transferTo(buffer);
                return buffer.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String text(CompletableFuture<byte[]> bytes) {
        return new String(bytes.join(), StandardCharsets.UTF_8);
    }
}
