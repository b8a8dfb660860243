package org.ctys.core.cli;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.ctys.core.Invocation;
import org.ctys.core.dispatch.HostOutcome;

/** {@code done/total, failed} on the terminal for runs that last more than a moment; nothing otherwise. */
final class Progress implements Consumer<HostOutcome> {

    private static final long QUIET_MILLIS = 1000;

    private final Invocation invocation;
    private final String command;
    private final int total;
    private final long start = System.currentTimeMillis();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile boolean shown;

    Progress(Invocation invocation, String command, int total) {
        this.invocation = invocation;
        this.command = command;
        this.total = total;
    }

    @Override
    public void accept(HostOutcome outcome) {
        int finished = done.incrementAndGet();
        int failures = outcome.succeeded() ? failed.get() : failed.incrementAndGet();
        if (invocation.interactive() && total > 1 && System.currentTimeMillis() - start > QUIET_MILLIS) {
            synchronized (this) {
                invocation.err().print("\r" + command + ": " + finished + "/" + total + " done, " + failures
                        + " failed\u001b[K");
                invocation.err().flush();
                shown = true;
            }
        }
    }

    /** Clears the progress line before the results are printed. */
    synchronized void finish() {
        if (shown) {
            invocation.err().print("\r\u001b[K");
            invocation.err().flush();
        }
    }
}
