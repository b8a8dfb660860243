package org.ctys.plugin.vde;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ctys.spi.DataNode;

/**
 * What an interface carries that {@code -i} moves to a new bridge and gives back: its link (MAC, MTU, master), its
 * addresses of both families and its routes in every table, read from {@code ip -j}. Each address and route is
 * kept as the words {@code ip addr} and {@code ip route} take after the verb, without the device, so the same words
 * put it on the bridge and back on the interface.
 *
 * @param name the interface
 * @param mac its MAC address
 * @param mtu its MTU
 * @param master the bridge (or bond) it is in, or {@code null}
 * @param addresses its global addresses in the kernel's order (a primary before its secondaries)
 * @param routes its routes that the kernel did not make for an address (default, static, ...)
 */
record InterfaceState(String name, String mac, int mtu, String master, List<String> addresses, List<String> routes) {

    /** IPv4 and IPv6 "forever" in {@code ip -j}'s lifetimes. */
    private static final String FOREVER = "4294967295";

    /** Copies. */
    InterfaceState {
        addresses = List.copyOf(addresses);
        routes = List.copyOf(routes);
    }

    /**
     * @param link {@code ip -j link show dev <iface>}
     * @param addr {@code ip -j addr show dev <iface>}
     * @param route {@code ip -j route show table all dev <iface>}
     * @return the interface's state
     * @throws IllegalArgumentException when a document is not what ip prints
     */
    static InterfaceState parse(DataNode link, DataNode addr, DataNode route) {
        DataNode.Mapping device = first(link);
        List<String> addresses = new ArrayList<>();
        for (DataNode info : items(first(addr).get("addr_info").orElse(null))) {
            DataNode.Mapping a = (DataNode.Mapping) info;
            String scope = text(a, "scope").orElse("global");
            if (!scope.equals("global") && !scope.equals("site")) {
                continue;   // link and host scope belong to the device: the bridge makes its own
            }
            StringBuilder words = new StringBuilder(text(a, "local").orElseThrow(() -> bad("an address")) + "/"
                    + text(a, "prefixlen").orElseThrow(() -> bad("a prefix length")));
            text(a, "broadcast").ifPresent(b -> words.append(" brd ").append(b));
            words.append(" scope ").append(scope);
            for (String flag : List.of("noprefixroute", "nodad", "home", "mngtmpaddr")) {
                if (text(a, flag).filter("true"::equals).isPresent()) {
                    words.append(' ').append(flag);
                }
            }
            String ifname = text(device, "ifname").orElse("");
            text(a, "label").filter(l -> !l.equals(ifname)).ifPresent(l -> words.append(" label ").append(l));
            String valid = text(a, "valid_life_time").orElse(FOREVER);
            String preferred = text(a, "preferred_life_time").orElse(FOREVER);
            if (!valid.equals(FOREVER) || !preferred.equals(FOREVER)) {
                words.append(" valid_lft ").append(valid.equals(FOREVER) ? "forever" : valid).append(" preferred_lft ")
                        .append(preferred.equals(FOREVER) ? "forever" : preferred);
            }
            addresses.add(words.toString());
        }
        List<String> routes = new ArrayList<>();
        for (DataNode node : items(route)) {
            DataNode.Mapping r = (DataNode.Mapping) node;
            if (text(r, "protocol").filter("kernel"::equals).isPresent()
                    || text(r, "type").filter(t -> !t.equals("unicast")).isPresent()) {
                continue;   // made by the kernel for an address, or local/broadcast/multicast entries
            }
            StringBuilder words = new StringBuilder(text(r, "dst").orElseThrow(() -> bad("a route destination")));
            text(r, "gateway").ifPresent(g -> words.append(" via ").append(g));
            text(r, "protocol").ifPresent(p -> words.append(" proto ").append(p));
            text(r, "scope").ifPresent(s -> words.append(" scope ").append(s));
            text(r, "metric").ifPresent(m -> words.append(" metric ").append(m));
            text(r, "prefsrc").ifPresent(s -> words.append(" src ").append(s));
            text(r, "table").ifPresent(t -> words.append(" table ").append(t));
            text(r, "pref").ifPresent(p -> words.append(" pref ").append(p));
            for (DataNode flag : items(r.get("flags").orElse(null))) {
                if (flag instanceof DataNode.Scalar s && "onlink".equals(s.text())) {
                    words.append(" onlink");
                }
            }
            routes.add(words.toString());
        }
        return new InterfaceState(text(device, "ifname").orElseThrow(() -> bad("a name")),
                text(device, "address").orElse(null), Integer.parseInt(text(device, "mtu").orElse("1500")),
                text(device, "master").orElse(null), addresses, routes);
    }

    /**
     * @param addr {@code ip -j addr show dev <link>}
     * @return the link's addresses as {@code address/prefix}
     */
    static List<String> addressesOf(DataNode addr) {
        List<String> addresses = new ArrayList<>();
        for (DataNode info : items(first(addr).get("addr_info").orElse(null))) {
            DataNode.Mapping a = (DataNode.Mapping) info;
            addresses.add(text(a, "local").orElse("") + "/" + text(a, "prefixlen").orElse(""));
        }
        return addresses;
    }

    private static DataNode.Mapping first(DataNode list) {
        List<DataNode> items = items(list);
        if (items.isEmpty() || !(items.get(0) instanceof DataNode.Mapping mapping)) {
            throw bad("an interface");
        }
        return mapping;
    }

    private static List<DataNode> items(DataNode node) {
        return node instanceof DataNode.Sequence sequence ? sequence.items() : List.of();
    }

    private static Optional<String> text(DataNode.Mapping mapping, String key) {
        return mapping.get(key).filter(DataNode.Scalar.class::isInstance).map(n -> ((DataNode.Scalar) n).text());
    }

    private static IllegalArgumentException bad(String what) {
        return new IllegalArgumentException("ip -j printed no " + what);
    }

    /**
     * The ip batch that puts this interface into a new bridge and moves what it carries there, in an order that
     * keeps the host reachable: the bridge gets the interface's MAC (neighbours' caches stay right), MTU and
     * addresses while the interface still has them, the interface joins it, its routes move, and only then are its
     * addresses taken off it (secondaries before their primary, whose removal would take them along).
     *
     * @param bridge the new bridge
     * @return the batch, one command a line
     */
    String enslaveBatch(String bridge) {
        StringBuilder batch = new StringBuilder();
        batch.append("link add name ").append(bridge).append(" type bridge\n");
        if (mac != null) {
            batch.append("link set dev ").append(bridge).append(" address ").append(mac).append('\n');
        }
        batch.append("link set dev ").append(bridge).append(" mtu ").append(mtu).append('\n');
        batch.append("link set dev ").append(bridge).append(" up\n");
        for (String address : addresses) {
            batch.append("addr add ").append(onBridge(address, name, bridge)).append(" dev ").append(bridge)
                    .append('\n');
        }
        batch.append("link set dev ").append(name).append(" master ").append(bridge).append('\n');
        for (String route : routes) {
            batch.append("route replace ").append(route).append(" dev ").append(bridge).append('\n');
        }
        List<String> last = new ArrayList<>(addresses);
        java.util.Collections.reverse(last);
        for (String address : last) {
            batch.append("addr del ").append(address.split(" ")[0]).append(" dev ").append(name).append('\n');
        }
        return batch.toString();
    }

    /**
     * The ip batch that puts a moved interface back into its bridge and gives the bridge the interface's addresses
     * again, for a bridge that lost either; every line may already hold.
     *
     * @param iface the interface
     * @param bridge its bridge
     * @param addresses its addresses, as recorded
     * @return the batch, one command a line
     */
    static String rejoinBatch(String iface, String bridge, List<String> addresses) {
        StringBuilder batch = new StringBuilder();
        batch.append("link set dev ").append(iface).append(" master ").append(bridge).append('\n');
        for (String address : addresses) {
            batch.append("addr replace ").append(onBridge(address, iface, bridge)).append(" dev ").append(bridge)
                    .append('\n');
        }
        return batch.toString();
    }

    /**
     * @param address an address of the interface, as recorded
     * @param iface the interface
     * @param bridge the bridge it moves to
     * @return the address as the bridge carries it: an alias label names its device ({@code eth0:1} becomes
     *     {@code <bridge>:1}), and an IPv6 address is this host's already, so the bridge need not probe the
     *     network for it again ({@code nodad})
     */
    static String onBridge(String address, String iface, String bridge) {
        String flags = address.indexOf(':') > 0 && !address.contains(" nodad") ? " nodad" : "";
        return address.replace(" label " + iface, " label " + bridge) + flags;
    }

    /**
     * The ip batch that gives an interface back what {@link #enslaveBatch} moved, exactly, and removes the bridge;
     * run with {@code -force}, it also mends a move that stopped part-way (every line may already hold).
     *
     * @param iface the interface
     * @param bridge the bridge it was moved into
     * @param addresses its addresses, as recorded
     * @param routes its routes, as recorded
     * @return the batch, one command a line
     */
    static String restoreBatch(String iface, String bridge, List<String> addresses, List<String> routes) {
        StringBuilder batch = new StringBuilder();
        for (String address : addresses) {
            batch.append("addr replace ").append(address).append(" dev ").append(iface).append('\n');
        }
        batch.append("link set dev ").append(iface).append(" nomaster\n");
        for (String route : routes) {
            batch.append("route replace ").append(route).append(" dev ").append(iface).append('\n');
        }
        batch.append("link del dev ").append(bridge).append('\n');
        return batch.toString();
    }
}
