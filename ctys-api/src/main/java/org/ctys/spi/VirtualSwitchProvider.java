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
}
