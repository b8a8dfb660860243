package org.ctys.plugin.vde;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ctys.api.EnvironmentException;

/**
 * Fuzzes the parsers of what a vde_switch management socket answers: replies made of real fragments (status lines,
 * data frames, port and showinfo lines, the prompt) shuffled with arbitrary text. A reply either parses or fails
 * with the documented EnvironmentException; the data parsers never throw.
 */
class ManagementParsingProperties {

    private static final List<String> FRAGMENTS = List.of("0000 DATA END WITH '.'\n", ".\n", "1000 Success\n\n",
            "1500 Error\n\n", "vde$ ", "Port 0001 untagged_vlan=0000 ACTIVE - Unnamed Allocatable\n",
            " Current User: root Access Control: (User: NONE - Group: NONE)\n",
            " IN:  pkts          8          bytes         1660\n", " OUT: pkts          8          bytes         1284\n",
            "  -- endpoint ID 0006 module tuntap      : tap0\n", "  -- endpoint ID 0003 module unix prog   : QEMU\n",
            "VDE switch V.2.3.2\n", "pid 4242 MAC 00:ff:aa:bb:cc:dd uptime 12\n", "mgmt /x perm 0660\n",
            "99999999999999999999 X\n\n", "Port 99999999999 untagged_vlan=zz\n", "\n", ":", " ", "-");

    @Provide
    Arbitrary<String> replies() {
        Arbitrary<String> fragment = Arbitraries.oneOf(Arbitraries.of(FRAGMENTS),
                Arbitraries.strings().ofMaxLength(12));
        return fragment.list().ofMaxSize(30).map(parts -> String.join("", parts));
    }

    @Property(tries = 4000)
    void aReplyParsesOrFailsAsDocumented(@ForAll("replies") String reply) {
        try {
            ManagementClient.Reply parsed = ManagementClient.parse(reply, "/m");
            Port.parse(parsed.data());
            SwitchInfo.parse(parsed.data());
        } catch (EnvironmentException e) {
            // the documented failure: a reply without a status line
        }
    }

    @Property(tries = 4000)
    void theDataParsersNeverThrow(@ForAll("replies") String data) {
        Port.parse(data);
        SwitchInfo.parse(data);
    }
}
