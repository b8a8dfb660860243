package org.ctys.core.dispatch;

import org.ctys.api.ActionResult;
import org.ctys.api.Target;
import org.ctys.api.exec.CommandRunner;

/** The work done on one target, with the runner for that target. */
@FunctionalInterface
public interface HostTask {

    /**
     * @param target the target
     * @param runner runs commands on it
     * @return what the work produced
     */
    ActionResult run(Target target, CommandRunner runner);
}
