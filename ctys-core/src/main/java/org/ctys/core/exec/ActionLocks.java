package org.ctys.core.exec;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.ctys.api.Target;
import org.ctys.api.TargetFailureException;
import org.ctys.api.TargetFailureException.Reason;
import org.ctys.api.exec.HeldLock;

/**
 * The locks one action holds on its target. Taking a lock the action already holds returns at once and counts:
 * the directory is released when the last of its handles is closed, so a plugin that calls another plugin's service
 * with its own context (QEMU's switch, for example) does not wait for itself.
 */
public final class ActionLocks {

    private final Target target;
    private final Transport transport;
    private final Instant deadline;
    private final Map<String, Held> held = new HashMap<>();

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
            Duration left = deadline == null ? wait : Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new TargetFailureException(Reason.TIMEOUT, "the deadline of " + target + " has passed");
            }
            lock = new Held(left.compareTo(wait) < 0 ? TargetLock.acquire(target, transport, directory, left, true)
                    : TargetLock.acquire(target, transport, directory, wait, false));
            held.put(directory, lock);
        }
        lock.handles++;
        Held handle = lock;
        return new HeldLock() {
            private boolean closed;

            @Override
            public void close() {
                synchronized (ActionLocks.this) {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    if (--handle.handles == 0) {
                        held.remove(directory);
                        handle.lock.close();
                    }
                }
            }
        };
    }
}
