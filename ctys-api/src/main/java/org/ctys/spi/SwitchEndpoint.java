package org.ctys.spi;

import java.util.Objects;

/**
 * Where a running virtual switch on a target can be reached: what the QEMU/KVM plugins plug guests into
 * ({@code -netdev vde,sock=<sock>}).
 *
 * @param user the user the switch belongs to
 * @param sock the data socket directory (QEMUSOCK)
 * @param mgmt the management socket (QEMUMGMT)
 * @since 0.1
 */
public record SwitchEndpoint(String user, String sock, String mgmt) {

    /**
     * Validates.
     *
     * @param user the user the switch belongs to
     * @param sock the data socket directory (QEMUSOCK)
     * @param mgmt the management socket (QEMUMGMT)
     */
    public SwitchEndpoint {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(sock, "sock");
        Objects.requireNonNull(mgmt, "mgmt");
    }
}
