package org.ctys.spi;

import java.util.List;
import java.util.Objects;

/**
 * Which guest a plugin asks a {@link GuestProvider} for: a definition on the target, the name it runs under and the
 * switches its network cards plug into, so that a plugin such as a lab can start a guest of a definition it did not
 * write on switches of its own.
 *
 * @param definition the label of a guest definition on the target, as {@code -t QEMU -a enumerate} lists them
 * @param name the name the guest runs under, as {@code -t QEMU -a list} shows it and {@code cancel=l:} takes it;
 *             {@code null} for the definition's label
 * @param sockets the VDE data socket directory (QEMUSOCK) of each network card of the definition, in its order; one
 *                socket for all of its cards; empty to plug each card into the switch its definition names
 * @param kvm whether the guest runs on KVM rather than QEMU's TCG
 * @since 0.1
 */
public record GuestRequest(String definition, String name, List<String> sockets, boolean kvm) {

    /**
     * Validates and copies.
     *
     * @param definition the label of a guest definition on the target
     * @param name the name the guest runs under, or {@code null} for the definition's label
     * @param sockets the data socket of each network card, in order; one for all; empty for the definition's own
     *                switches
     * @param kvm whether the guest runs on KVM
     */
    public GuestRequest {
        Objects.requireNonNull(definition, "definition");
        sockets = List.copyOf(sockets);
    }

    /**
     * Returns the name the guest runs under.
     *
     * @return {@link #name()}, else the definition's label
     */
    public String runName() {
        return name == null ? definition : name;
    }
}
