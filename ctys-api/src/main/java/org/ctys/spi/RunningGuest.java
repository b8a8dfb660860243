package org.ctys.spi;

import java.util.List;
import java.util.Objects;

/**
 * A guest a {@link GuestProvider} found running or started.
 *
 * @param name the name it runs under
 * @param pid its process on the target
 * @param status what its hypervisor says of it, e.g. {@code running} or {@code paused}; {@code planned} in a dry run
 * @param macs the MAC address of each of its network cards, in order
 * @since 0.1
 */
public record RunningGuest(String name, long pid, String status, List<String> macs) {

    /**
     * Validates and copies.
     *
     * @param name the name it runs under
     * @param pid its process on the target
     * @param status what its hypervisor says of it
     * @param macs the MAC address of each of its network cards
     */
    public RunningGuest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        macs = List.copyOf(macs);
    }
}
