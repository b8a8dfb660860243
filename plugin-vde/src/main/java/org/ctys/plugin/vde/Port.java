package org.ctys.plugin.vde;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One port of a switch, from {@code port/print}.
 *
 * @param port the port number
 * @param vlan the untagged VLAN
 * @param active whether the port is active
 * @param user the user connected to it ({@code NONE} for the tap)
 * @param endpoints the endpoints on it, e.g. {@code tuntap : tap0} or {@code unix prog : QEMU user=root pid=42}
 * @param inPackets packets in
 * @param inBytes bytes in
 * @param outPackets packets out
 * @param outBytes bytes out
 */
record Port(int port, int vlan, boolean active, String user, List<String> endpoints, long inPackets, long inBytes,
            long outPackets, long outBytes) {

    private static final Pattern HEADER = Pattern.compile("Port (\\d+) untagged_vlan=(\\d+) (ACTIVE|INACTIVE)");
    private static final Pattern USER = Pattern.compile("Current User: (\\S+)");
    private static final Pattern COUNTERS = Pattern.compile("(IN|OUT):\\s+pkts\\s+(\\d+)\\s+bytes\\s+(\\d+)");
    private static final Pattern ENDPOINT = Pattern.compile("-- endpoint ID \\d+ module (.*)");

    /** Copies. */
    Port {
        endpoints = List.copyOf(endpoints);
    }

    /** @return the tap this port leads to, or {@code null} */
    String tap() {
        return endpoints.stream().filter(e -> e.startsWith("tuntap")).map(e -> e.substring(e.indexOf(':') + 1).strip())
                .findFirst().orElse(null);
    }

    /** @return whether a program (a VM) is plugged into this port */
    boolean program() {
        return endpoints.stream().anyMatch(e -> !e.startsWith("tuntap"));
    }

    static List<Port> parse(String data) {
        List<Port> ports = new ArrayList<>();
        String[] blocks = data.split("(?m)^(?=Port \\d+ )");
        for (String block : blocks) {
            Matcher header = HEADER.matcher(block);
            if (!header.find()) {
                continue;
            }
            Matcher user = USER.matcher(block);
            long[] counters = new long[4];
            Matcher count = COUNTERS.matcher(block);
            while (count.find()) {
                int base = count.group(1).equals("IN") ? 0 : 2;
                counters[base] = Long.parseLong(count.group(2));
                counters[base + 1] = Long.parseLong(count.group(3));
            }
            List<String> endpoints = new ArrayList<>();
            Matcher endpoint = ENDPOINT.matcher(block);
            while (endpoint.find()) {
                endpoints.add(endpoint.group(1).replaceAll("\\s+:\\s+", " : ").strip());
            }
            ports.add(new Port(Integer.parseInt(header.group(1)), Integer.parseInt(header.group(2)),
                    header.group(3).equals("ACTIVE"), user.find() ? user.group(1) : "", endpoints,
                    counters[0], counters[1], counters[2], counters[3]));
        }
        return ports;
    }

    Map<String, Object> record() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("port", port);
        row.put("vlan", vlan);
        row.put("active", active);
        row.put("user", user);
        row.put("endpoint", String.join(", ", endpoints));
        row.put("inPackets", inPackets);
        row.put("inBytes", inBytes);
        row.put("outPackets", outPackets);
        row.put("outBytes", outBytes);
        return row;
    }
}
