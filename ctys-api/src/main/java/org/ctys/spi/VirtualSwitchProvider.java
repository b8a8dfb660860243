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
     * @param user the user whose switch is wanted, or {@code null} for the login user
     * @param context the target, as the asking plugin sees it
     * @return the endpoint of that user's healthy switch on the target, empty when there is none
     */
    Optional<SwitchEndpoint> endpoint(String user, PluginContext context);
}
