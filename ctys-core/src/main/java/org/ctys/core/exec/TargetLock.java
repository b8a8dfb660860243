package org.ctys.core.exec;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ctys.api.EnvironmentException;
import org.ctys.api.Target;
import org.ctys.api.TargetFailureException;
import org.ctys.api.TargetFailureException.Reason;
import org.ctys.api.exec.CommandResult;
import org.ctys.api.exec.HeldLock;

/**
 * The lock of a directory on a target: a shell there opens the directory, {@code flock}s that descriptor and becomes
 * a {@code cat} that waits on standard input, holding it. The kernel drops the lock when that process ends, and it
 * ends when its input closes: when this lock is closed, and also when ctys dies in any way, since its pipe (and its
 * ssh session) closes with it. So a killed holder never blocks the next run, and there is no lock file to clean up.
 */
final class TargetLock implements HeldLock {

    /** {@code flock}'s exit status when the wait ran out ({@code -E}). */
    private static final int BUSY = 75;
    /** The script's exit status when the directory is missing. */
    private static final int NO_DIRECTORY = 3;
    /** Beyond the wait: ssh's connection and login. */
    private static final Duration CONNECT_GRACE = Duration.ofSeconds(15);
    private static final String LOCKED = "locked";
    // flock on a descriptor, not flock running a command: three programs started instead of four, on every create
    // and cancel. A look (the arguments after the marker) runs once the lock is held, without the lock's descriptor
    // or input; the marker after it on both streams says where its output ends and how it exited
    private static final String SCRIPT = "[ -d \"$1\" ] || { echo \"no directory $1\" >&2; exit " + NO_DIRECTORY
            + "; }; exec 9<\"$1\" && flock -E " + BUSY + " -w \"$2\" 9 || exit; echo " + LOCKED
            + "; if [ $# -gt 2 ]; then m=$3; shift 3; \"$@\" 9<&- </dev/null; r=$?; printf '\\n%s %s\\n' \"$m\" \"$r\"; "
            + "printf '%s\\n' \"$m\" >&2; fi; exec cat >/dev/null";
    /** Beyond a look's own limit: ssh's connection and the remote timeout's kill. */
    private static final Duration LOOK_GRACE = Duration.ofSeconds(14);

    private final Process process;
    private final ProcessRunner.Drain errors;
    private final Transport transport;
    private CommandResult looked;

    private TargetLock(Process process, ProcessRunner.Drain errors, Transport transport) {
        this.process = process;
        this.errors = errors;
        this.transport = transport;
    }

    /** @return the look's exit status and output as the holder reported them, or {@code null} without a look */
    CommandResult looked() {
        return looked;
    }

    /**
     * @param target the target, for messages
     * @param transport how to reach it
     * @param directory the directory to lock
     * @param wait how long to wait for another holder
     * @param untilDeadline whether {@code wait} is what is left of the target's deadline
     * @return the held lock
     */
    static TargetLock acquire(Target target, Transport transport, String directory, Duration wait,
                              boolean untilDeadline) {
        return acquire(target, transport, directory, wait, untilDeadline, null);
    }

    /**
     * @param look a command to run once the lock is held, by the holder itself (no second round trip), or
     *     {@code null}; its result is {@link #looked()}
     */
    static TargetLock acquire(Target target, Transport transport, String directory, Duration wait,
                              boolean untilDeadline, TargetCommandRunner.Look look) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        List<String> argv = new java.util.ArrayList<>(List.of("sh", "-c", SCRIPT, "ctys-lock", directory,
                Long.toString(seconds)));
        String marker = null;
        if (look != null) {
            marker = TargetCommandRunner.nonce() + "-looked";
            argv.add(marker);
            argv.addAll(look.argv());
        }
        List<String> line = transport.commandLine(argv);
        Process process;
        try {
            process = transport.processEnvironment().builder(line).start();
        } catch (IOException e) {
            throw new EnvironmentException("cannot run '" + line.get(0) + "': " + e.getMessage(), e);
        }
        ProcessRunner.Drain out = new ProcessRunner.Drain(process.getInputStream());
        ProcessRunner.Drain err = new ProcessRunner.Drain(process.getErrorStream());
        TargetLock lock = new TargetLock(process, err, transport);
        long until = System.nanoTime() + wait.plus(CONNECT_GRACE).toNanos();
        try {
            while (!out.snapshot().startsWith(LOCKED + "\n")) {
                if (process.waitFor(5, TimeUnit.MILLISECONDS)) {
                    if (out.snapshot().startsWith(LOCKED + "\n")) {
                        break;
                    }
                    throw failure(target, directory, seconds, untilDeadline, process.exitValue(), err.settle());
                }
                if (System.nanoTime() > until) {
                    lock.stop();
                    throw new TargetFailureException(Reason.TIMEOUT, "locking " + directory + " on " + target
                            + " took longer than " + seconds + " s plus the connection's time");
                }
            }
        } catch (InterruptedException e) {
            lock.stop();
            Thread.currentThread().interrupt();
            throw new TargetFailureException(Reason.CANCELLED, "cancelled while waiting for the lock of "
                    + directory + " on " + target);
        }
        if (look != null) {
            lock.looked = lock.awaitLook(target, look, marker, out);
        }
        return lock;
    }

    /** Waits for the look the holder runs under the lock; stops the holder (and so the lock) when it fails. */
    private CommandResult awaitLook(Target target, TargetCommandRunner.Look look, String marker,
                                    ProcessRunner.Drain out) {
        long start = System.nanoTime();
        long until = look.limit() == null ? Long.MAX_VALUE : start + look.limit().plus(LOOK_GRACE).toNanos();
        String program = look.command().argv().get(0);
        try {
            while (true) {
                String stdout = out.snapshot();
                String stderr = errors.snapshot();
                int end = stdout.indexOf("\n" + marker + " ");
                int newline = end < 0 ? -1 : stdout.indexOf('\n', end + 1);
                int errorsEnd = stderr.lastIndexOf(marker + "\n");
                if (newline >= 0 && errorsEnd >= 0) {
                    return new CommandResult(Integer.parseInt(stdout.substring(end + marker.length() + 2, newline)),
                            stdout.substring(LOCKED.length() + 1, end), stderr.substring(0, errorsEnd),
                            Duration.ofNanos(System.nanoTime() - start));
                }
                if (process.waitFor(5, TimeUnit.MILLISECONDS)) {
                    String last = TargetCommandRunner.lastLine(errors.settle());
                    throw process.exitValue() == 255 && !transport.local()
                            ? new TargetFailureException(Reason.CONNECT, "lost the connection to " + target
                            + " during '" + program + "'" + (last.isEmpty() ? "" : ": " + last))
                            : new EnvironmentException("'" + program + "' on " + target + " ended with the lock's "
                            + "holder (exit " + process.exitValue() + ")" + (last.isEmpty() ? "" : ": " + last));
                }
                if (System.nanoTime() > until) {
                    throw new TargetFailureException(Reason.TIMEOUT, "'" + program + "' on " + target + " ran "
                            + "past its deadline of " + look.limit().toSeconds() + " s and was stopped");
                }
            }
        } catch (InterruptedException e) {
            stop();
            Thread.currentThread().interrupt();
            throw new TargetFailureException(Reason.CANCELLED, "'" + program + "' on " + target + " was cancelled");
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private static RuntimeException failure(Target target, String directory, long seconds, boolean untilDeadline,
                                            int exit, String stderr) {
        String last = TargetCommandRunner.lastLine(stderr);
        return switch (exit) {
            case BUSY -> untilDeadline ? new TargetFailureException(Reason.TIMEOUT, "the lock of " + directory
                    + " on " + target + " was held by another run until the deadline (" + seconds + " s); nothing "
                    + "was changed") : new EnvironmentException("the lock of " + directory + " on " + target
                    + " has been held by another run for more than " + seconds + " s; nothing was changed (try again "
                    + "when it is done)");
            case NO_DIRECTORY -> new EnvironmentException("cannot lock " + directory + " on " + target
                    + ": no such directory");
            case 127 -> new EnvironmentException("'flock' is not installed on " + target + " (Debian util-linux)");
            case 255 -> new TargetFailureException(Reason.CONNECT, "cannot reach " + target + ": " + last);
            default -> new EnvironmentException("cannot lock " + directory + " on " + target + ": " + last);
        };
    }

    /** Closes the holder's input, so that it ends and the kernel drops the lock; stops it if it does not. */
    @Override
    public void close() {
        closeInput();
        boolean interrupted = Thread.interrupted();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                stop();
            }
        } catch (InterruptedException e) {
            stop();
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeInput() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the holder is already gone, and its lock with it
        }
    }

    private void stop() {
        closeInput();
        process.destroy();
        transport.stopRemote(errors.settle());
        process.destroyForcibly();
    }
}
