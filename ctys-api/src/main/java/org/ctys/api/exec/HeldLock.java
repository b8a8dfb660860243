package org.ctys.api.exec;

/**
 * An exclusive lock on a directory of a target, held until closed. It is the kernel's lock of a process on the
 * target ({@code flock}), so it ends with that process: when ctys is killed, its connection closes and the next run
 * gets the lock at once, with nothing to clean up.
 *
 * @since 0.1
 */
public interface HeldLock extends AutoCloseable {

    /** Releases the lock; closing it again does nothing. */
    @Override
    void close();
}
