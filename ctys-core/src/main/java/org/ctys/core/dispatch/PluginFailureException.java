package org.ctys.core.dispatch;

import org.ctys.api.CtysException;

/** A plugin broke its contract on a target (threw something other than a ctys error); other targets go on. */
public final class PluginFailureException extends CtysException {
    private static final long serialVersionUID = 1L;

    /**
     * @param plugin the plugin id
     * @param cause what it threw
     */
    public PluginFailureException(String plugin, Throwable cause) {
        super("plugin " + plugin + " failed: " + cause, cause);
    }
}
