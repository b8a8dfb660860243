package org.ctys.plugin.lab;

import org.ctys.api.Target;

/**
 * A guest of a lab: a QEMU or KVM definition on its switch's host, plugged into that switch.
 *
 * @param name its name in the lab
 * @param host where it runs: its switch's host
 * @param switchName the switch it is plugged into
 * @param type the session type that runs it, {@code QEMU} or {@code KVM}
 * @param definition the label of its definition on that host
 */
record LabGuest(String name, Target host, String switchName, String type, String definition) {
}
