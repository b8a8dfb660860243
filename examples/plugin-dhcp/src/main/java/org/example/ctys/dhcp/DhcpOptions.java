package org.example.ctys.dhcp;

import org.ctys.api.SubOptions;
import org.ctys.spi.ValueKind;

/**
 * The sub-options of DHCP create and cancel, defaults filled in. ctys has held them to what the actions declare
 * (see {@link DhcpPlugin}) before the plugin sees them, once for all targets: a bridge name, an IPv4 address with
 * prefix, a range of IPv4 addresses, each given at most once.
 *
 * @param bridge the bridge, e.g. {@code ctysbr0}
 * @param address the bridge's address with prefix, e.g. {@code 10.199.250.1/24}
 * @param first the first address handed out
 * @param last the last address handed out
 */
record DhcpOptions(String bridge, String address, String first, String last) {

    /** A range of IPv4 addresses, as the sub-option {@code range} takes it. */
    static final ValueKind RANGE = ValueKind.of("a range of IPv4 addresses, e.g. 10.199.250.100-10.199.250.150",
            value -> {
                String[] ends = value.split("-", -1);
                return ends.length == 2 && ValueKind.IPV4.accepts(ends[0]) && ValueKind.IPV4.accepts(ends[1]);
            });

    /**
     * @param given the action's sub-options, checked by ctys against the declarations
     * @return the options, defaults filled in
     */
    static DhcpOptions of(SubOptions given) {
        String[] range = given.value("range").orElse("10.199.250.100-10.199.250.150").split("-");
        return new DhcpOptions(given.value("b").orElse("ctysbr0"), given.value("addr").orElse("10.199.250.1/24"),
                range[0], range[1]);
    }
}
