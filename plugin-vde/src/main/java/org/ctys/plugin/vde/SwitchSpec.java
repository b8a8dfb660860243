package org.ctys.plugin.vde;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.ctys.api.SubOptions;
import org.ctys.api.UsageException;
import org.ctys.spi.PluginContext;

/**
 * Which switch an action is about, from the sub-options (the ctys-setupVDE options) and the defaults of the
 * original, made deterministic: the bridge defaults to {@code ctysbr0} (never "the first bridge found"), the pid
 * file lives beside the management socket (not in /var/run), the record of what create made in the login user's
 * private directory under the socket base, and the tap's name is derived from the management socket so that a later
 * run finds the same one.
 *
 * @param user the owner of the tap and sockets, or {@code null} for the login user
 * @param group the group of the sockets, or {@code null} for the user's primary group
 * @param setgidGroup a group given with {@code -g}: the socket directory gets set-gid access for it
 * @param bridge the bridge the tap joins
 * @param iface an interface to enslave to a new bridge ({@code -i}), its addresses and routes moving along, or
 *              {@code null}
 * @param sock the data socket directory (QEMUSOCK), or {@code null} until the user is known
 * @param mgmt the management socket (QEMUMGMT), or {@code null} until the user is known
 * @param force {@code -f}
 */
record SwitchSpec(String user, String group, String setgidGroup, String bridge, String iface, String sock,
                  String mgmt, boolean force) {

    static final String DEFAULT_BRIDGE = "ctysbr0";
    static final String DEFAULT_SOCKBASE = "/var/tmp";

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
        String bridge = options.value("b").orElse(DEFAULT_BRIDGE);
        if (!Names.BRIDGE.matcher(bridge).matches()) {
            throw new UsageException("bridge name '" + bridge + "' must be 1 to 15 letters, digits, '.', '-' or '_'");
        }
        String iface = options.value("i").orElse(null);
        if (iface != null && !Names.INTERFACE.matcher(iface).matches()) {
            throw new UsageException("interface name '" + iface + "' is not valid (-i)");
        }
        String sock = path(options.value("sock").orElse(null), "data socket (-s)");
        String mgmt = path(options.value("mgmt").orElse(null), "management socket (-S)");
        SwitchSpec spec = new SwitchSpec(user, group, setgid, bridge, iface, sock, mgmt, options.has("f"));
        return spec.user() == null ? spec : spec.withDefaults(base(context));
    }

    /** @return the socket base: CTYS_SOCKBASE, or {@value #DEFAULT_SOCKBASE} */
    static String base(PluginContext context) {
        return context.setting("CTYS_SOCKBASE").orElse(DEFAULT_SOCKBASE);
    }

    /** @return this spec with the original's socket names for its user filled in where not given */
    SwitchSpec withDefaults(String base) {
        return new SwitchSpec(user, group, setgidGroup, bridge, iface,
                sock != null ? sock : base + "/vde_switch0." + user,
                mgmt != null ? mgmt : base + "/vde_mgmt0." + user, force);
    }

    SwitchSpec withUser(String login, String primaryGroup) {
        return new SwitchSpec(user != null ? user : login, group != null ? group : primaryGroup, setgidGroup, bridge,
                iface, sock, mgmt, force);
    }

    /**
     * @param base the socket base, CTYS_SOCKBASE
     * @return the directory of the management socket, which holds the switch's pid file and record
     */
    String directory(String base) {
        if (mgmt == null) {
            return base;
        }
        String parent = mgmt.substring(0, mgmt.lastIndexOf('/'));
        return parent.isEmpty() ? "/" : parent;
    }

    String pidFile() {
        return mgmt + ".pid";
    }

    /** @return the tap's name: {@code tap} and 8 hex digits of the management socket's path (at most 15 chars) */
    String tap() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(mgmt.getBytes(StandardCharsets.UTF_8));
            return "tap" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
