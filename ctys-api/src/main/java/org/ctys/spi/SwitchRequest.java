package org.ctys.spi;

/**
 * Which virtual switch a plugin asks a {@link VirtualSwitchProvider} for, and how it is made when it is not up: the
 * values of {@code -t VDE -a create}'s sub-options. {@code null} leaves a value to the provider's default (the login
 * user's switch at its default sockets, the default bridge), so that several switches of one user on one host,
 * such as a lab's, differ by their sockets and bridges.
 *
 * @param user the user the switch belongs to, or {@code null} for the login user
 * @param accessGroup a group that may use its sockets too, or {@code null}
 * @param bridge the bridge its TAP device joins, or {@code null} for the default
 * @param iface a physical interface moved into that bridge, or {@code null}
 * @param sock its data socket directory (QEMUSOCK), an absolute path, or {@code null} for the default
 * @param mgmt its management socket (QEMUMGMT), an absolute path, or {@code null} for the default
 * @param spanningTree whether the switch runs a spanning tree, so that cables may close loops between switches
 *                     without flooding them with their own broadcasts ({@code vde_switch -F}); {@code false} leaves
 *                     it as the provider's default (off)
 * @since 0.1
 */
public record SwitchRequest(String user, String accessGroup, String bridge, String iface, String sock, String mgmt,
                            boolean spanningTree) {

    /**
     * A request without a spanning tree.
     *
     * @param user the user the switch belongs to, or {@code null} for the login user
     * @param accessGroup a group that may use its sockets too, or {@code null}
     * @param bridge the bridge its TAP device joins, or {@code null} for the default
     * @param iface a physical interface moved into that bridge, or {@code null}
     * @param sock its data socket directory, or {@code null} for the default
     * @param mgmt its management socket, or {@code null} for the default
     */
    public SwitchRequest(String user, String accessGroup, String bridge, String iface, String sock, String mgmt) {
        this(user, accessGroup, bridge, iface, sock, mgmt, false);
    }

    /**
     * Returns this request with a spanning tree.
     *
     * @return the same switch, running a spanning tree
     */
    public SwitchRequest withSpanningTree() {
        return new SwitchRequest(user, accessGroup, bridge, iface, sock, mgmt, true);
    }

    /**
     * Returns a request for a user's switch at its defaults.
     *
     * @param user the user, or {@code null} for the login user
     * @return a request that names only the user
     */
    public static SwitchRequest ofUser(String user) {
        return new SwitchRequest(user, null, null, null, null, null);
    }

    /**
     * Returns whether this request names nothing but the user.
     *
     * @return whether every other value is left to the provider
     */
    public boolean userOnly() {
        return accessGroup == null && bridge == null && iface == null && sock == null && mgmt == null
                && !spanningTree;
    }
}
