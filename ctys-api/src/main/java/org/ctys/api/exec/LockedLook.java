package org.ctys.api.exec;

/**
 * A lock taken together with a look at the target under it (see
 * {@link org.ctys.spi.PluginContext#lockAndLook}): closing it releases the lock.
 *
 * @param lock the held lock
 * @param look the result of the command that ran under it
 * @since 0.1
 */
public record LockedLook(HeldLock lock, CommandResult look) implements AutoCloseable {

    /** Releases the lock; closing it again does nothing. */
    @Override
    public void close() {
        lock.close();
    }
}
