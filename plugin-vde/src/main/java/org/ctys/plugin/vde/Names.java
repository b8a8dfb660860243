package org.ctys.plugin.vde;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a name, an address or a route of a switch may look like, whether it comes from the command line or from a
 * file on the target: these values end up in root's commands (and in {@code ip -batch} input, one command a line),
 * so anything else is refused, never passed on.
 */
final class Names {

    /** A user or group name. */
    static final Pattern ACCOUNT = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    /** A bridge's name: the kernel's limit of 15 characters. */
    static final Pattern BRIDGE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    /** An interface's name, VLANs' {@code @} included. */
    static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.@-]{1,15}");
    /** The tap ctys names: {@code tap} and 8 hex digits. */
    static final Pattern TAP = Pattern.compile("tap[0-9a-f]{8}");
    /** A MAC address as ip prints it. */
    static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.:/-]+");
    /** Route attributes that take a value, as {@code ip route} prints them. */
    private static final Set<String> WITH_VALUE = Set.of("via", "src", "metric", "proto", "scope", "table", "mtu",
            "advmss", "pref", "realm", "realms", "weight", "expires", "hoplimit", "initcwnd", "initrwnd", "rto_min",
            "congctl", "features", "quickack", "window", "rtt", "rttvar", "ssthresh", "cwnd", "reordering",
            "fastopen_no_cookie", "nhid");
    /** Route flags without a value. */
    private static final Set<String> FLAGS = Set.of("onlink", "linkdown", "dead", "pervasive", "offload", "trap",
            "rt_offload", "rt_trap", "lock");
    /** Route types that may come before the destination. */
    private static final Set<String> TYPES = Set.of("unicast", "local", "broadcast", "multicast", "throw",
            "unreachable", "prohibit", "blackhole", "anycast");

    private Names() {
    }

    /** @return whether {@code address} is an IPv4 or IPv6 address, with an optional {@code /prefix} */
    static boolean isAddress(String address) {
        int slash = address.indexOf('/');
        String host = slash < 0 ? address : address.substring(0, slash);
        if (slash >= 0) {
            String prefix = address.substring(slash + 1);
            int max = host.indexOf(':') >= 0 ? 128 : 32;
            if (!prefix.matches("[0-9]{1,3}") || Integer.parseInt(prefix) > max) {
                return false;
            }
        }
        return IPV4.matcher(host).matches() || IPV6.matcher(host).matches() && host.length() <= 45;
    }

    /** Address attributes that take a value, as {@code ip addr} takes them. */
    private static final Set<String> ADDRESS_VALUES = Set.of("brd", "scope", "valid_lft", "preferred_lft", "metric",
            "label");
    /** Address flags without a value. */
    private static final Set<String> ADDRESS_FLAGS = Set.of("noprefixroute", "nodad", "home", "mngtmpaddr");

    /**
     * @param spec an address as {@code ip addr add} takes it after the verb, without the device: the address with
     *     its prefix, then known attributes ({@code brd}, {@code scope}, lifetimes) and flags
     * @return whether it is one
     */
    static boolean isAddressSpec(String spec) {
        List<String> words = List.of(spec.strip().split(" +"));
        if (words.isEmpty() || !isAddress(words.get(0))) {
            return false;
        }
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            if (ADDRESS_VALUES.contains(word) && i + 1 < words.size()
                    && words.get(i + 1).matches("\\+|[A-Za-z0-9_.:@-]{1,15}")) {
                i++;
            } else if (!ADDRESS_FLAGS.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param route a route as {@code ip -o route show dev <iface>} prints it, without the device
     * @return whether it is one: a destination ({@code default} or an address), then known attributes with values
     *     of address-like words; never a device, never a second command
     */
    static boolean isRoute(String route) {
        List<String> words = List.of(route.strip().split(" +"));
        int i = 0;
        if (i < words.size() && TYPES.contains(words.get(i))) {
            i++;
        }
        if (i >= words.size() || !(words.get(i).equals("default") || isAddress(words.get(i)))) {
            return false;
        }
        for (i++; i < words.size(); i++) {
            String word = words.get(i);
            if (WITH_VALUE.contains(word) && i + 1 < words.size() && WORD.matcher(words.get(i + 1)).matches()) {
                i++;
            } else if (!FLAGS.contains(word)) {
                return false;
            }
        }
        return true;
    }
}
