package org.ctys.core;

import java.util.ArrayList;
import java.util.List;

/** Whether a run was cancelled (Ctrl-C), and what to do then: stop the running targets so that each is reported. */
public final class Cancellation {

    private final List<Runnable> actions = new ArrayList<>();
    private volatile boolean cancelled;

    /** @param action what to do when the run is cancelled; runs at once if it already is */
    public synchronized void onCancel(Runnable action) {
        actions.add(action);
        if (cancelled) {
            action.run();
        }
    }

    /** Cancels the run: runs every action registered, once. */
    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            cancelled = true;
            toRun = List.copyOf(actions);
        }
        toRun.forEach(Runnable::run);
    }

    /** @return whether the run was cancelled */
    public boolean cancelled() {
        return cancelled;
    }
}
