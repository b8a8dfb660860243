package org.ctys.plugin.vde;

import org.ctys.api.SubOptions;
import org.ctys.api.UsageException;
import org.ctys.spi.PluginContext;

/**
 * Which switch an action is about, as the sub-options (the ctys-setupVDE options) name it, checked. What is not
 * given is filled in on the target by the probe, the one place that names a switch's files (see {@link Probe}):
 * the login user's default sockets under the socket base, the tap derived from the management socket, the bridge
 * of the switch's record or {@value #DEFAULT_BRIDGE}.
 *
 * @param user the owner of the tap and sockets, or {@code null} for the login user
 * @param group the group of the sockets, or {@code null} for the user's primary group
 * @param setgidGroup a group given with {@code -g}: the socket directory gets set-gid access for it
 * @param bridge the bridge the tap joins, or {@code null} for the recorded one or the default
 * @param iface an interface to enslave to a new bridge ({@code -i}), its addresses and routes moving along, or
 *              {@code null}
 * @param sock the data socket directory (QEMUSOCK), or {@code null} for the default
 * @param mgmt the management socket (QEMUMGMT), or {@code null} for the default
 * @param force {@code -f}
 * @param spanningTree {@code stp}: the switch runs its fast spanning tree ({@code vde_switch -F})
 */
record SwitchSpec(String user, String group, String setgidGroup, String bridge, String iface, String sock,
                  String mgmt, boolean force, boolean spanningTree) {

    static final String DEFAULT_BRIDGE = "ctysbr0";

    static SwitchSpec of(SubOptions options, PluginContext context) {
        String user = options.value("u").orElse(null);
        String group = null;
        if (user != null && user.indexOf('.') > 0) {
            group = user.substring(user.indexOf('.') + 1);
            user = user.substring(0, user.indexOf('.'));
        }
        check(user, "user (-u)");
        check(group, "group (-u user.group)");
        String setgid = options.value("g").orElse(null);
        check(setgid, "set-gid group (-g)");
        String bridge = options.value("b").orElse(null);
        if (bridge != null && !Names.BRIDGE.matcher(bridge).matches()) {
            throw new UsageException("bridge name '" + bridge + "' must be 1 to 15 letters, digits, '.', '-' or '_'");
        }
        String iface = options.value("i").orElse(null);
        if (iface != null && !Names.INTERFACE.matcher(iface).matches()) {
            throw new UsageException("interface name '" + iface + "' is not valid (-i)");
        }
        String sock = path(options.value("sock").orElse(null), "data socket (-s)");
        String mgmt = path(options.value("mgmt").orElse(null), "management socket (-S)");
        return new SwitchSpec(user, group, setgid, bridge, iface, sock, mgmt, options.has("f"), options.has("stp"));
    }

    /**
     * @param base the socket base, CTYS_SOCKBASE
     * @return the directory of the management socket, which holds the switch's pid file
     */
    String directory(String base) {
        if (mgmt == null) {
            return base;
        }
        String parent = mgmt.substring(0, mgmt.lastIndexOf('/'));
        return parent.isEmpty() ? "/" : parent;
    }

    private static void check(String name, String what) {
        if (name != null && !Names.ACCOUNT.matcher(name).matches()) {
            throw new UsageException(what + " '" + name + "' is not a valid name");
        }
    }

    private static String path(String path, String what) {
        if (path != null && (!path.startsWith("/") || path.contains("/../") || path.endsWith("/..")
                || !path.matches("[A-Za-z0-9_./+-]+"))) {
            throw new UsageException(what + " '" + path + "' must be an absolute path of letters, digits and "
                    + "'_./+-', without '..'");
        }
        return path;
    }
}
