package org.ctys.core.exec;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ctys.api.Target;
import org.ctys.api.TargetFailureException;
import org.ctys.api.TargetFailureException.Reason;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandRunner;
import org.ctys.api.exec.HeldLock;
import org.ctys.api.exec.LockedLook;

/**
 * The locks one action holds on its target. Taking a lock the action already holds returns at once and counts:
 * the directory is released when the last of its handles is closed, so a plugin that calls another plugin's service
 * with its own context (QEMU's switch, for example) does not wait for itself.
 */
public final class ActionLocks {

    private final Target target;
    private final Transport transport;
    private final Instant deadline;
    private final Map<String, Held> held = new LinkedHashMap<>();

    private static final class Held {
        private final TargetLock lock;
        private int handles;

        Held(TargetLock lock) {
            this.lock = lock;
        }
    }

    /**
     * @param target the target the action runs on
     * @param transport how to reach it
     * @param deadline when the action's work on the target must end, or {@code null}: no lock is waited for longer
     */
    public ActionLocks(Target target, Transport transport, Instant deadline) {
        this.target = target;
        this.transport = transport;
        this.deadline = deadline;
    }

    /**
     * @param directory an existing directory on the target
     * @param wait how long to wait for another holder
     * @return a handle on the lock; the lock is released when every handle of this action is closed
     */
    public synchronized HeldLock lock(String directory, Duration wait) {
        Held lock = held.get(directory);
        if (lock == null) {
            lock = new Held(acquire(directory, wait, null));
            held.put(directory, lock);
        }
        return handle(directory, lock);
    }

    /**
     * Locks and runs a read-only command under the lock, in the lock's own round trip when the command can ride on
     * it (see {@link TargetCommandRunner#look}) and the lock is not held yet; otherwise after taking the lock.
     *
     * @param directory an existing directory on the target
     * @param wait how long to wait for another holder
     * @param command the command
     * @param runner the action's runner on this target
     * @return a handle on the lock, and the command's result as the runner would have given it
     */
    public synchronized LockedLook lockAndLook(String directory, Duration wait, Command command,
                                               CommandRunner runner) {
        TargetCommandRunner onTarget = runner instanceof TargetCommandRunner r && !held.containsKey(directory) ? r
                : null;
        java.util.Optional<TargetCommandRunner.Look> look = onTarget == null ? java.util.Optional.empty()
                : onTarget.look(command);
        if (look.isEmpty()) {
            HeldLock lock = lock(directory, wait);
            try {
                return new LockedLook(lock, runner.run(command));
            } catch (RuntimeException e) {
                lock.close();
                throw e;
            }
        }
        Held lock = new Held(acquire(directory, wait, look.get()));
        held.put(directory, lock);
        HeldLock handle = handle(directory, lock);
        try {
            return new LockedLook(handle, onTarget.classify(look.get(), lock.lock.looked()));
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
    }

    /**
     * @return the holder of a lock this action holds, which runs the action's commands on the target without a
     *     session of their own; empty when it holds none
     */
    synchronized java.util.Optional<TargetLock> holder() {
        TargetLock last = null;
        for (Held lock : held.values()) {
            if (lock.lock.holding()) {
                last = lock.lock;
            }
        }
        return java.util.Optional.ofNullable(last);
    }

    private TargetLock acquire(String directory, Duration wait, TargetCommandRunner.Look look) {
        Duration left = deadline == null ? wait : Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new TargetFailureException(Reason.TIMEOUT, "the deadline of " + target + " has passed");
        }
        return left.compareTo(wait) < 0 ? TargetLock.acquire(target, transport, directory, left, true, look)
                : TargetLock.acquire(target, transport, directory, wait, false, look);
    }

    private HeldLock handle(String directory, Held lock) {
        lock.handles++;
        return new HeldLock() {
            private boolean closed;

            @Override
            public void close() {
                synchronized (ActionLocks.this) {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    if (--lock.handles == 0) {
                        held.remove(directory);
                        lock.lock.close();
                    }
                }
            }
        };
    }
}
