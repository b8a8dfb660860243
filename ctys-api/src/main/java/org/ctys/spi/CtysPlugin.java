package org.ctys.spi;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ctys.api.ActionRequest;
import org.ctys.api.ActionResult;

/**
 * A ctys plugin: one or more session types ({@code -t VDE}) and the actions they offer ({@code -a create}).
 *
 * <p>Register the implementation in {@code META-INF/services/org.ctys.spi.CtysPlugin} and ship it in a PF4J
 * plugin jar (manifest {@code Plugin-Id} and {@code Plugin-Version}). Plugins never print, never exit, never open
 * ssh connections and never decide how to become root: they build {@link org.ctys.api.exec.Command}s, run them
 * through {@link PluginContext#runner()}, and return results. Errors are {@link org.ctys.api.UsageException} (bad
 * sub-options, exit 1), {@link org.ctys.api.EnvironmentException} (something missing on the target, exit 2) or
 * {@link org.ctys.api.TargetFailureException} (a command failed, so the target failed, exit 3); let the runner's own
 * {@code TargetFailureException} and {@link org.ctys.api.PrivilegeException} pass.
 *
 * @since 0.1
 */
public interface CtysPlugin {

    /**
     * Returns the session types this plugin serves, upper case, e.g. {@code VDE}; never empty.
     *
     * @return the session types this plugin serves, upper case, e.g. {@code VDE}; never empty
     */
    Set<String> sessionTypes();

    /**
     * Returns the actions this plugin offers, for every one of its session types; never {@code null}.
     *
     * @return the actions this plugin offers, for every one of its session types; never {@code null}
     */
    List<ActionDescriptor> actions();

    /**
     * Performs one action on one target. Core calls it once per target, possibly from several threads at once for
     * different targets, so an implementation keeps no per-call state in fields.
     *
     * @param request the session type, action and sub-options; the action is one of {@link #actions()}
     * @param context the target, and the runner for commands on it
     * @return what the action produced on this target
     */
    ActionResult perform(ActionRequest request, PluginContext context);

    /**
     * Returns what must be installed on a target for this plugin to work; checked by {@code ctys plugins}.
     *
     * @return what must be installed on a target for this plugin to work; checked by {@code ctys plugins}
     */
    default List<Prerequisite> prerequisites() {
        return List.of();
    }

    /**
     * Returns the plugin's own help text, shown by {@code ctys -H <type>}; plain text, may be empty.
     *
     * @return the plugin's own help text, shown by {@code ctys -H <type>}; plain text, may be empty
     */
    default String help() {
        return "";
    }

    /**
     * Returns the ctys options that stand for sub-options of this plugin's actions, e.g. {@code -b} for the key
     * {@code b}: core turns them into sub-options wherever they are given, a target's context options
     * ({@code h2'(-b br7)'}) or a face's own options ({@code ctys-setupVDE -b br7}), and holds them to the action's
     * synopsis as it holds the sub-options of {@code -a}. Whether one takes a value is what the synopsis says of its
     * key. A target's own take precedence over the command line's.
     *
     * @return option name (with its dash) to sub-option key; empty when none stands for a sub-option
     */
    default Map<String, String> optionKeys() {
        return Map.of();
    }
}
