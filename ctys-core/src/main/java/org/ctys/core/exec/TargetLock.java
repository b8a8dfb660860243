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
 * The lock of a directory on a target: a shell there opens the directory, {@code flock}s that descriptor and reads
 * its standard input, holding it. The kernel drops the lock when that shell ends, and it ends when its input closes:
 * when this lock is closed, and also when ctys dies in any way, since its pipe (and its ssh session) closes with it.
 * So a killed holder never blocks the next run, and there is no lock file to clean up. Meanwhile the holder runs the
 * action's commands on the target ({@link #run}): one ssh session for the lock and the work it guards.
 */
final class TargetLock implements HeldLock {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TargetLock.class);

    /** {@code flock}'s exit status when the wait ran out ({@code -E}). */
    private static final int BUSY = 75;
    /** The script's exit status when the directory is missing. */
    private static final int NO_DIRECTORY = 3;
    /** Beyond the wait: ssh's connection and login. */
    private static final Duration CONNECT_GRACE = Duration.ofSeconds(15);
    private static final String LOCKED = "locked";
    // what the holder does once it holds the lock (and ran the look): it runs the scripts the action sends it, so
    // that they need no ssh session of their own. A request is a marker line, the script's lines and the marker
    // again; the script runs in a subshell (its 'exit' ends only it), without the lock's descriptor or input, and
    // its output ends with the marker as a look's does. The end of its input (the lock closed, or ctys gone) ends
    // the loop, and so the lock
    private static final String SERVE = "while IFS= read -r m; do s=; while IFS= read -r l && [ \"$l\" != \"$m\" ]; "
            + "do s=\"$s$l\n\"; done; (eval \"$s\") 9<&- </dev/null; r=$?; " + Markers.END + "; done";
    // flock on a descriptor, not flock running a command: three programs started instead of four, on every create
    // and cancel. A look (the arguments after the marker) runs once the lock is held, without the lock's descriptor
    // or input; the marker after it on both streams says where its output ends and how it exited
    private static final String SCRIPT = "[ -d \"$1\" ] || { echo \"no directory $1\" >&2; exit " + NO_DIRECTORY
            + "; }; exec 9<\"$1\" && flock -E " + BUSY + " -w \"$2\" 9 || exit; echo " + LOCKED
            + "; if [ $# -gt 2 ]; then m=$3; shift 3; \"$@\" 9<&- </dev/null; r=$?; " + Markers.END + "; fi; " + SERVE;
    /** How long a cancelled script is let finish, so that the rollback runs under the lock. */
    private static final Duration CANCEL_GRACE = Duration.ofSeconds(5);
    /** Beyond a look's or a script's own limit: ssh's connection and the remote timeout's kill. */
    private static final Duration REMOTE_GRACE = Duration.ofSeconds(14);

    private final Process process;
    private final ProcessRunner.Drain output;
    private final ProcessRunner.Drain errors;
    private final Arrivals arrivals;
    private final Transport transport;
    private CommandResult looked;

    private TargetLock(Process process, ProcessRunner.Drain output, ProcessRunner.Drain errors, Arrivals arrivals,
                       Transport transport) {
        this.process = process;
        this.output = output;
        this.errors = errors;
        this.arrivals = arrivals;
        this.transport = transport;
    }

    /**
     * Output of the holder on either stream: waiting for it, rather than polling, answers a request as soon as its
     * marker is there.
     */
    private static final class Arrivals {
        private long count;

        synchronized void arrived() {
            count++;
            notifyAll();
        }

        synchronized long count() {
            return count;
        }

        synchronized void awaitAfter(long seen, long millis) throws InterruptedException {
            if (count == seen) {
                wait(millis);
            }
        }
    }

    /**
     * Waits for output after what {@code seen} counted, or a few milliseconds.
     *
     * @return whether the holder has ended
     */
    private boolean pause(long seen) throws InterruptedException {
        arrivals.awaitAfter(seen, 5);
        return !process.isAlive();
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
            marker = new Markers().mark("looked");
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
        Arrivals arrivals = new Arrivals();
        ProcessRunner.Drain out = new ProcessRunner.Drain(process.getInputStream(), arrivals::arrived);
        ProcessRunner.Drain err = new ProcessRunner.Drain(process.getErrorStream(), arrivals::arrived);
        TargetLock lock = new TargetLock(process, out, err, arrivals, transport);
        long until = System.nanoTime() + wait.plus(CONNECT_GRACE).toNanos();
        try {
            for (long seen = arrivals.count(); !out.snapshot().startsWith(LOCKED + "\n"); seen = arrivals.count()) {
                if (lock.pause(seen)) {
                    if (out.snapshot().startsWith(LOCKED + "\n")) {
                        break;
                    }
                    String errors = err.settle();
                    throw new SshFailure(transport, target).reaching(process.exitValue(), errors)
                            .<RuntimeException>map(unreached -> unreached).orElseGet(() -> failure(target, directory,
                                    seconds, untilDeadline, process.exitValue(), errors));
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
            long limit = look.limit() == null ? Long.MAX_VALUE : look.limit().plus(REMOTE_GRACE).toNanos();
            lock.looked = lock.await(target, look.command().argv().get(0), marker, LOCKED.length() + 1, 0, limit,
                    look.limit(), false);
        }
        return lock;
    }

    /** @return whether the holder still runs: it holds the lock and takes requests */
    boolean holding() {
        return process.isAlive();
    }

    /**
     * Runs a script in the holder, under the lock, as {@code sh -c script} on the target would run it, without input.
     *
     * @param target the target, for messages
     * @param program what the script runs, for messages
     * @param script the script, ending with a newline
     * @param limit the target's time left for it, or {@code null}; past it (and a grace for the target's own deadline
     *     to act) the holder is stopped, and with it the script and the lock
     * @return the script's exit status and output; when the holder ended meanwhile (the host lost), its exit
     *     status and the output so far, as a process of the script's own would have ended
     * @throws TargetFailureException when it ran past its time ({@code TIMEOUT}: the holder is stopped), or was
     *     cancelled ({@code CANCELLED}: the script is let finish for a few seconds first, so that the action's
     *     rollback runs under the lock; the holder is stopped only if it does not)
     */
    synchronized CommandResult run(Target target, String program, String script, Duration limit) {
        String marker = new Markers().mark("ran");
        int outFrom = output.snapshot().length();
        int errFrom = errors.snapshot().length();
        try {
            java.io.OutputStream input = process.getOutputStream();
            input.write((marker + "\n" + script + marker + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            input.flush();
        } catch (IOException e) {
            // the holder is gone: awaiting its answer says how
        }
        LOG.debug("run in the lock's holder: {}", script);
        long grace = transport.local() ? 0 : REMOTE_GRACE.toNanos();
        CommandResult result = await(target, program, marker, outFrom, errFrom, limit == null ? Long.MAX_VALUE
                : limit.toNanos() + grace, limit, true);
        LOG.debug("exit {} after {} ms in the lock's holder: {}", result.exitCode(), result.elapsed().toMillis(),
                program);
        return result;
    }

    /**
     * Waits for the end of what the holder runs under the lock (a look, a script); stops the holder (and so the lock)
     * when it fails.
     *
     * @param outFrom where its standard output begins
     * @param errFrom where its standard error begins
     * @param within how long to wait, in nanoseconds
     * @param limit the deadline to name when it runs out
     * @param script whether it is a script (not a look): cancelled, it is let finish for a while, and a holder that
     *     ends meanwhile is its result (exit status and output so far) rather than a failure of its own
     */
    private CommandResult await(Target target, String program, String marker, int outFrom, int errFrom, long within,
                                Duration limit, boolean script) {
        long start = System.nanoTime();
        long until = within == Long.MAX_VALUE ? Long.MAX_VALUE : start + within;
        boolean cancelled = false;
        while (true) {
            long seen = arrivals.count();
            CommandResult done = finished(marker, outFrom, errFrom, start);
            if (done != null) {
                if (cancelled) {
                    Thread.currentThread().interrupt();
                    throw cancelled(target, program);   // whole, and the lock still held for the rollback
                }
                return done;
            }
            boolean ended;
            try {
                ended = pause(seen);
            } catch (InterruptedException e) {
                if (script && !cancelled) {
                    // Ctrl-C: a script that changes things is let finish, for a while, so that the action's
                    // rollback finds it whole and runs under the lock still held
                    cancelled = true;
                    until = Math.min(until, System.nanoTime() + CANCEL_GRACE.toNanos());
                    continue;
                }
                stop();
                Thread.currentThread().interrupt();
                throw cancelled(target, program);
            }
            if (ended && !cancelled) {
                // what it wrote before it ended may still be in its pipes
                output.settle();
                errors.settle();
                done = finished(marker, outFrom, errFrom, start);
                if (done != null) {
                    return done;
                }
            }
            if (ended && script && !cancelled) {
                // as a process of the script's own would have ended: the runner tells a lost host from the rest
                String out = output.snapshot();
                String err = errors.snapshot();
                return new CommandResult(process.exitValue(), out.substring(Math.min(outFrom, out.length())),
                        err.substring(Math.min(errFrom, err.length())), Duration.ofNanos(System.nanoTime() - start));
            }
            if (ended || System.nanoTime() > until) {
                RuntimeException failure = cancelled ? cancelled(target, program) : ended ? ended(target, program)
                        : new TargetFailureException(Reason.TIMEOUT, "'" + program + "' on " + target + " ran past "
                        + "its deadline of " + limit.toSeconds() + " s and was stopped");
                stop();
                if (cancelled) {
                    Thread.currentThread().interrupt();
                }
                throw failure;
            }
        }
    }

    /** @return the result once its marker is on both streams, or {@code null} */
    private CommandResult finished(String marker, int outFrom, int errFrom, long start) {
        return Markers.find(output.snapshot(), errors.snapshot(), marker, outFrom, errFrom)
                .map(e -> new CommandResult(e.exitCode(), e.stdout(), e.stderr(),
                        Duration.ofNanos(System.nanoTime() - start)))
                .orElse(null);
    }

    /** @return the failure of a look whose holder ended before it did */
    private RuntimeException ended(Target target, String program) {
        String errorsSoFar = errors.settle();
        String last = SshFailure.lastLine(errorsSoFar);
        return new SshFailure(transport, target).losing(process.exitValue(), errorsSoFar, program)
                .<RuntimeException>map(lost -> lost).orElseGet(() -> new EnvironmentException("'" + program + "' on "
                        + target + " ended with the lock's holder (exit " + process.exitValue() + ")"
                        + (last.isEmpty() ? "" : ": " + last)));
    }

    private static TargetFailureException cancelled(Target target, String program) {
        return new TargetFailureException(Reason.CANCELLED, "'" + program + "' on " + target + " was cancelled");
    }

    private static RuntimeException failure(Target target, String directory, long seconds, boolean untilDeadline,
                                            int exit, String stderr) {
        String last = SshFailure.lastLine(stderr);
        return switch (exit) {
            case BUSY -> untilDeadline ? new TargetFailureException(Reason.TIMEOUT, "the lock of " + directory
                    + " on " + target + " was held by another run until the deadline (" + seconds + " s); nothing "
                    + "was changed") : new EnvironmentException("the lock of " + directory + " on " + target
                    + " has been held by another run for more than " + seconds + " s; nothing was changed (try again "
                    + "when it is done)");
            case NO_DIRECTORY -> new EnvironmentException("cannot lock " + directory + " on " + target
                    + ": no such directory");
            case 127 -> new EnvironmentException("'flock' is not installed on " + target + " (Debian util-linux)");
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
        ProcessRunner.stop(process);   // here: the holder and the scripts it runs
        transport.stopRemote(errors.settle());
    }
}
