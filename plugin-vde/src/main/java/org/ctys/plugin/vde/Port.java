package org.ctys.plugin.vde;

import java.util.ArrayList;
import java.util.List;
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
    private static final Pattern COLON = Pattern.compile("\\s+:\\s+");

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

    /**
     * Reads the port table line by line: a port's header line starts its block; the lines after it, up to the next
     * header, add its user, counters and endpoints by their first words. (Matching each pattern over each block took
     * 20 µs a port, JMH ManagementBenchmark; numbers too long for their field leave the port or counter out instead
     * of failing.)
     */
    static List<Port> parse(String data) {
        List<Port> ports = new ArrayList<>();
        Matcher header = HEADER.matcher("");
        Matcher user = USER.matcher("");
        Matcher count = COUNTERS.matcher("");
        Matcher endpoint = ENDPOINT.matcher("");
        int number = -1;
        int vlan = 0;
        boolean active = false;
        String who = "";
        long[] counters = new long[4];
        List<String> endpoints = new ArrayList<>();
        for (String line : data.split("\n", -1)) {
            if (line.startsWith("Port ") && header.reset(line).lookingAt() && fits(header.group(1), 9)
                    && fits(header.group(2), 9)) {
                if (number >= 0) {
                    ports.add(new Port(number, vlan, active, who, endpoints, counters[0], counters[1], counters[2],
                            counters[3]));
                }
                number = Integer.parseInt(header.group(1));
                vlan = Integer.parseInt(header.group(2));
                active = header.group(3).equals("ACTIVE");
                who = "";
                counters = new long[4];
                endpoints = new ArrayList<>();
                continue;
            }
            if (number < 0) {
                continue;
            }
            String text = line.strip();
            if (text.startsWith("Current User: ") && who.isEmpty() && user.reset(text).lookingAt()) {
                who = user.group(1);
            } else if ((text.startsWith("IN:") || text.startsWith("OUT:")) && count.reset(text).lookingAt()
                    && fits(count.group(2), 18) && fits(count.group(3), 18)) {
                int base = count.group(1).equals("IN") ? 0 : 2;
                counters[base] = Long.parseLong(count.group(2));
                counters[base + 1] = Long.parseLong(count.group(3));
            } else if (text.startsWith("-- endpoint ID ") && endpoint.reset(text).lookingAt()) {
                endpoints.add(COLON.matcher(endpoint.group(1)).replaceAll(" : ").strip());
            }
        }
        if (number >= 0) {
            ports.add(new Port(number, vlan, active, who, endpoints, counters[0], counters[1], counters[2],
                    counters[3]));
        }
        return ports;
    }

    /** @return whether a run of digits fits a field of at most {@code digits} digits */
    private static boolean fits(String number, int digits) {
        return number.length() <= digits;
    }

    Row row() {
        return new Row(port, vlan, active, user, String.join(", ", endpoints), inPackets, inBytes, outPackets,
                outBytes);
    }

    /**
     * A port as {@code ports} reports it: its endpoints in one text.
     *
     * @param port the port number
     * @param vlan the untagged VLAN
     * @param active whether the port is active
     * @param user the user connected to it
     * @param endpoint what is plugged in, endpoints separated by {@code ", "}
     * @param inPackets packets in
     * @param inBytes bytes in
     * @param outPackets packets out
     * @param outBytes bytes out
     */
    public record Row(int port, int vlan, boolean active, String user, String endpoint, long inPackets,
                      long inBytes, long outPackets, long outBytes) {
    }
}
