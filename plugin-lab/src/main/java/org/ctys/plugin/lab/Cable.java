package org.ctys.plugin.lab;

/**
 * A cable between two switches of a lab.
 *
 * @param from the switch at one end
 * @param to the switch at the other end
 * @param kind how it is carried
 * @param link what it does to the traffic, {@link LinkEmulation#NONE} for nothing
 * @param port the UDP port a vxlan cable's hosts send to each other at, 0 for an ssh cable
 */
record Cable(String from, String to, Kind kind, LinkEmulation link, int port) {

    /** The IANA port of VXLAN, a vxlan cable's unless its lab file names another. */
    static final int VXLAN_PORT = 4789;

    /** How a cable is carried between its hosts. */
    enum Kind {
        /** VDE over the control host's ssh connections: the hosts need not reach or trust each other. */
        SSH,
        /** A kernel VXLAN device in each end's bridge: the hosts reach each other over UDP. */
        VXLAN;

        /** @return the kind as the lab file writes it */
        String written() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** @return the cable as the lab file names it, {@code s1-s2} */
    String label() {
        return from + "-" + to;
    }
}
