package org.ctys.plugin.vde;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a create recorded about the switch it made, in the login user's private record directory on the target:
 * what cancel removes and gives back. Every value is checked on reading (and on writing) by the grammar of its kind,
 * since root's cancel feeds them to {@code ip}.
 *
 * @param mgmt the management socket, which names the switch
 * @param netns the network namespace the switch was made in ({@code net:[<inode>]}): it belongs to that one
 * @param tap the tap create made or used
 * @param bridge the bridge the tap joined
 * @param bridgeCreated whether create made that bridge (and cancel may remove it)
 * @param user the switch's user
 * @param group the sockets' group
 * @param iface the interface create put into the bridge, or {@code null}
 * @param addresses its addresses as {@code ip addr add} takes them (without the device), moved to the bridge
 * @param routes its routes as {@code ip route add} takes them (without the device), moved to the bridge
 */
record SwitchRecord(String mgmt, String netns, String tap, String bridge, boolean bridgeCreated, String user, String group,
                    String iface, List<String> addresses, List<String> routes) {

    private static final java.util.Set<String> KEYS = java.util.Set.of("mgmt", "netns", "tap", "bridge", "bridgecreated",
            "user", "group", "iface", "ifaddrs", "ifroutes");

    /** Checks every value. */
    SwitchRecord {
        addresses = List.copyOf(addresses);
        routes = List.copyOf(routes);
        check("mgmt", mgmt, m -> m.startsWith("/") && m.matches("[A-Za-z0-9_./+-]+") && !m.contains("/../"));
        check("netns", netns, n -> n.matches("net:\\[[0-9]{1,20}\\]"));
        check("tap", tap, Names.TAP.asMatchPredicate());
        check("bridge", bridge, Names.BRIDGE.asMatchPredicate());
        check("user", user, Names.ACCOUNT.asMatchPredicate());
        check("group", group, Names.ACCOUNT.asMatchPredicate());
        if (iface != null) {
            check("iface", iface, Names.INTERFACE.asMatchPredicate());
        } else if (!addresses.isEmpty() || !routes.isEmpty()) {
            throw new IllegalArgumentException("ifaddrs or ifroutes without iface");
        }
        addresses.forEach(a -> check("ifaddrs", a, Names::isAddressSpec));
        routes.forEach(r -> check("ifroutes", r, Names::isRoute));
    }

    private static void check(String key, String value, Predicate<String> valid) {
        if (value == null || !valid.test(value)) {
            throw new IllegalArgumentException(key + "=" + value);
        }
    }

    /**
     * @param lines the record's lines, {@code key=value}
     * @return the record
     * @throws IllegalArgumentException naming the first key whose value is missing or not valid
     */
    static SwitchRecord parse(List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq <= 0 || !KEYS.contains(line.substring(0, eq))
                    || values.put(line.substring(0, eq), line.substring(eq + 1)) != null) {
                throw new IllegalArgumentException(line.isEmpty() ? "an empty line" : line);
            }
        }
        String created = values.get("bridgecreated");
        check("bridgecreated", created, v -> v.equals("yes") || v.equals("no"));
        String iface = values.get("iface");
        return new SwitchRecord(values.get("mgmt"), values.get("netns"), values.get("tap"), values.get("bridge"), created.equals("yes"),
                values.get("user"), values.get("group"), iface == null || iface.isEmpty() ? null : iface,
                split(values.get("ifaddrs")), split(values.get("ifroutes")));
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isBlank() ? List.of() : List.of(joined.split(";"));
    }

    /** @return the record's text, which {@link #parse} reads back */
    String text() {
        StringBuilder text = new StringBuilder();
        text.append("mgmt=").append(mgmt).append("\nnetns=").append(netns).append("\ntap=").append(tap).append("\nbridge=").append(bridge)
                .append("\nbridgecreated=").append(bridgeCreated ? "yes" : "no").append("\nuser=").append(user)
                .append("\ngroup=").append(group).append('\n');
        if (iface != null) {
            text.append("iface=").append(iface).append("\nifaddrs=").append(String.join(";", addresses))
                    .append("\nifroutes=").append(String.join(";", routes)).append('\n');
        }
        return text.toString();
    }
}
