package org.ctys.spi.support;

import java.util.List;
import java.util.Set;
import org.ctys.api.ActionRequest;
import org.ctys.api.EnvironmentException;
import org.ctys.spi.ActionDescriptor;
import org.ctys.spi.CtysPlugin;
import org.ctys.spi.Prerequisite;

/**
 * A base for plugins whose session types, actions, prerequisites and help are fixed: pass them to the
 * constructor and implement {@link #perform}.
 *
 * @since 0.1
 */
public abstract class AbstractCtysPlugin implements CtysPlugin {

    private final Set<String> sessionTypes;
    private final List<ActionDescriptor> actions;
    private final List<Prerequisite> prerequisites;
    private final String help;

    /**
     * Declares what the plugin serves, offers and needs.
     *
     * @param sessionTypes the session types served, upper case, not empty
     * @param actions the actions offered
     * @param prerequisites what must be installed on a target
     * @param help the plugin's own help text for {@code ctys -H <type>}
     */
    protected AbstractCtysPlugin(Set<String> sessionTypes, List<ActionDescriptor> actions,
                                 List<Prerequisite> prerequisites, String help) {
        if (sessionTypes.isEmpty()) {
            throw new IllegalArgumentException("a plugin serves at least one session type");
        }
        this.sessionTypes = Set.copyOf(sessionTypes);
        this.actions = List.copyOf(actions);
        this.prerequisites = List.copyOf(prerequisites);
        this.help = help;
    }

    @Override
    public final Set<String> sessionTypes() {
        return sessionTypes;
    }

    @Override
    public final List<ActionDescriptor> actions() {
        return actions;
    }

    @Override
    public final List<Prerequisite> prerequisites() {
        return prerequisites;
    }

    @Override
    public final String help() {
        return help;
    }

    /**
     * The error for a declared action whose implementation has not been written yet: exit code 2, never a fake
     * success.
     *
     * @param request the request that cannot be served
     * @return the exception to throw
     */
    protected static EnvironmentException notAvailableYet(ActionRequest request) {
        return new EnvironmentException("action " + request.action() + " of session type " + request.sessionType()
                + " is not available yet in this version of ctys");
    }
}
