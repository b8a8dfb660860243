package org.example.ctys.dhcp;

import java.util.regex.Pattern;
import org.ctys.api.SubOptions;
import org.ctys.api.UsageException;

/**
 * The sub-options of DHCP create and cancel, checked before anything runs: a bridge name as the kernel takes it,
 * an IPv4 address with its prefix for the bridge, and a range of IPv4 addresses for the clients.
 *
 * @param bridge the bridge, e.g. {@code ctysbr0}
 * @param address the bridge's address with prefix, e.g. {@code 10.199.250.1/24}
 * @param first the first address handed out
 * @param last the last address handed out
 */
record DhcpOptions(String bridge, String address, String first, String last) {

    private static final Pattern BRIDGE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern PREFIX = Pattern.compile("([0-9]|[12][0-9]|3[0-2])");

    /**
     * @param given the action's sub-options (ctys has checked their keys against the synopsis)
     * @return the options, defaults filled in
     * @throws UsageException quoting the value that is wrong
     */
    static DhcpOptions of(SubOptions given) {
        String bridge = given.value("b").orElse("ctysbr0");
        if (!BRIDGE.matcher(bridge).matches()) {
            throw new UsageException("b:" + bridge + " is no bridge name (1-15 letters, digits, '_', '.', '-')");
        }
        String address = given.value("addr").orElse("10.199.250.1/24");
        String[] cidr = address.split("/", -1);
        if (cidr.length != 2 || !IPV4.matcher(cidr[0]).matches() || !PREFIX.matcher(cidr[1]).matches()) {
            throw new UsageException("addr:" + address + " is no IPv4 address with prefix, e.g. 10.199.250.1/24");
        }
        String range = given.value("range").orElse("10.199.250.100-10.199.250.150");
        String[] ends = range.split("-", -1);
        if (ends.length != 2 || !IPV4.matcher(ends[0]).matches() || !IPV4.matcher(ends[1]).matches()) {
            throw new UsageException("range:" + range + " is no range of IPv4 addresses, e.g. "
                    + "10.199.250.100-10.199.250.150");
        }
        return new DhcpOptions(bridge, address, ends[0], ends[1]);
    }
}
