package org.ctys.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * A service a VM plugin offers other plugins: start, find and stop guests of the definitions on a target. The QEMU
 * plugin implements it (for QEMU and KVM guests); a plugin finds it with
 * {@code context.service(GuestProvider.class)} after declaring it in its manifest's {@code Ctys-Uses}.
 *
 * @since 0.1
 */
public interface GuestProvider {

    /**
     * Returns the guest of that name when it runs on the target, empty when it does not (also when only the files
     * of a killed one are left).
     *
     * @param request which guest; only its name is looked at
     * @param context the target, as the asking plugin sees it
     * @return the running guest, or empty
     */
    Optional<RunningGuest> find(GuestRequest request, PluginContext context);

    /**
     * Starts the guest as {@code create=l:<definition>} would, under the request's name and on its switches; a
     * guest of that name that runs already is returned as it is.
     *
     * @param request which definition, under which name, on which switches
     * @param context the target, as the asking plugin sees it
     * @return the guest, now running
     * @throws org.ctys.api.UsageException when the definition is missing or invalid, or its network cards are not
     *     as many as the request's sockets (when it gives more than one)
     * @throws org.ctys.api.EnvironmentException when the hypervisor cannot start it; nothing half-made is left
     */
    RunningGuest start(GuestRequest request, PluginContext context);

    /**
     * Stops the guest of that name as {@code cancel=l:<name>} would and removes its files: an ACPI power-down
     * given {@code grace} to finish, then harder means; a guest that is not there is no error.
     *
     * @param request which guest; only its name is looked at
     * @param context the target, as the asking plugin sees it
     * @param grace how long the guest may take to shut itself down; zero to quit it at once
     * @return whether something was stopped or removed
     * @throws org.ctys.api.EnvironmentException when it does not stop
     */
    boolean stop(GuestRequest request, PluginContext context, Duration grace);
}
