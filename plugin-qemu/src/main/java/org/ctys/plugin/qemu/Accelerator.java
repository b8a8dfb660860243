package org.ctys.plugin.qemu;

import java.util.List;
import java.util.Locale;

/** How QEMU runs a guest's CPUs: TCG emulation everywhere, or KVM through /dev/kvm. */
public enum Accelerator {
    /** emulation, works everywhere */
    TCG,
    /** hardware virtualization through /dev/kvm */
    KVM;

    /** @return QEMU's options that select this accelerator */
    public List<String> options() {
        return List.of("-accel", display());
    }

    /** @return the name QEMU and lists use: tcg or kvm */
    public String display() {
        return name().toLowerCase(Locale.ROOT);
    }
}
