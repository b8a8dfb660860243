package org.ctys.testkit;

import java.time.Duration;
import org.ctys.api.Target;
import org.ctys.api.exec.CommandRunner;
import org.ctys.api.exec.HeldLock;
import org.ctys.spi.PluginContext;

/**
 * A plugin context for unit tests.
 *
 * @param target the target the plugin sees
 * @param runner the runner the plugin uses, usually a {@link RecordingCommandRunner}
 */
public record TestPluginContext(Target target, CommandRunner runner) implements PluginContext {

    /** A unit test runs one action at a time against recorded commands: there is nothing to serialize. */
    @Override
    public HeldLock lock(String directory, Duration wait) {
        return () -> { };
    }
}
