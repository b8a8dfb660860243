package org.ctys.spi;

import org.ctys.api.Target;
import org.ctys.api.exec.CommandRunner;

/**
 * What core hands a plugin for one action on one target: never framework objects, only ctys values.
 *
 * @since 0.1
 */
public interface PluginContext {

    /** @return the target this action runs on, never {@code null} */
    Target target();

    /** @return the runner for commands on {@link #target()}, never {@code null} */
    CommandRunner runner();
}
