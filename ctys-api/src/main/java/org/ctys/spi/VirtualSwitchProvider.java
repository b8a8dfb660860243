package org.ctys.spi;

import java.util.Optional;

/**
 * A service a network plugin offers to VM plugins: is the switch of a user up on a target, and where are its
 * sockets? The VDE plugin implements it; a VM plugin finds it with
 * {@code context.service(VirtualSwitchProvider.class)}.
 *
 * @since 0.1
 */
public interface VirtualSwitchProvider {

    /**
     * Returns the endpoint of that user's healthy switch on the target, empty when there is none.
     *
     * @param user the user whose switch is wanted, or {@code null} for the login user
     * @param context the target, as the asking plugin sees it
     * @return the endpoint of that user's healthy switch on the target, empty when there is none
     */
    Optional<SwitchEndpoint> endpoint(String user, PluginContext context);

    /**
     * Creates the switch of a user on a target, as {@code -t VDE -a create} would with default options, when it is
     * not up; a VM plugin asks for this only when its user said so.
     *
     * @param user the user whose switch is wanted, or {@code null} for the login user
     * @param context the target, as the asking plugin sees it
     * @return the endpoint of the switch, now up
     * @throws org.ctys.api.CtysException when it cannot be created; nothing half-made is left
     * @throws UnsupportedOperationException when this provider cannot create switches
     */
    default SwitchEndpoint create(String user, PluginContext context) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot create switches");
    }

    /**
     * Returns the endpoint of the requested switch when it is up and healthy, empty when it is not. (Named apart
     * from {@link #endpoint(String, PluginContext)} so that a call with {@code null} stays unambiguous.)
     *
     * @param request which switch: its user, sockets and bridge
     * @param context the target, as the asking plugin sees it
     * @return the endpoint of that healthy switch, empty when there is none
     * @throws UnsupportedOperationException when this provider knows only users' default switches and the request
     *     names more
     */
    default Optional<SwitchEndpoint> find(SwitchRequest request, PluginContext context) {
        if (!request.userOnly()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " knows only users' switches");
        }
        return endpoint(request.user(), context);
    }

    /**
     * Brings the requested switch up as {@code -t VDE -a create} with the request's values would: reuses it when it
     * is healthy, repairs it when it is broken.
     *
     * @param request which switch and how it is made
     * @param context the target, as the asking plugin sees it
     * @return the endpoint of the switch, now up
     * @throws org.ctys.api.CtysException when it cannot be created; nothing half-made is left
     * @throws UnsupportedOperationException when this provider cannot create such a switch
     */
    default SwitchEndpoint make(SwitchRequest request, PluginContext context) {
        if (!request.userOnly()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " creates only users' switches");
        }
        return create(request.user(), context);
    }

    /**
     * Shuts the requested switch down and removes what its create made, as {@code -t VDE -a cancel} would; a
     * switch that is not there is no error.
     *
     * @param request which switch
     * @param context the target, as the asking plugin sees it
     * @return whether something was removed
     * @throws org.ctys.api.CtysException when it cannot be removed
     * @throws UnsupportedOperationException when this provider cannot cancel switches
     */
    default boolean cancel(SwitchRequest request, PluginContext context) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot cancel switches");
    }
}
