package org.ctys.core.plugin;

import org.ctys.api.CtysException;

/**
 * A plugin broke its contract on a target: it threw something other than a ctys error, returned garbage, or did
 * not return in time. The target fails with the plugin's name; other targets and plugins go on.
 */
public final class PluginFailureException extends CtysException {
    private static final long serialVersionUID = 1L;

    /**
     * @param plugin the plugin id
     * @param cause what it threw
     */
    public PluginFailureException(String plugin, Throwable cause) {
        super("plugin " + plugin + " failed: " + cause, cause);
    }

    /**
     * @param plugin the plugin id
     * @param problem what it did wrong
     */
    public PluginFailureException(String plugin, String problem) {
        super("plugin " + plugin + " failed: " + problem);
    }
}
