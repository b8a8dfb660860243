package org.ctys.plugin.vde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ctys.api.EnvironmentException;
import org.junit.jupiter.api.Test;

/** The management protocol and port table, on transcripts of vde_switch 2.3.2 (testbed.md section 2 and 3). */
class ManagementProtocolTest {

    private static final String PORTS = """
            0000 DATA END WITH '.'
            Port 0001 untagged_vlan=0000 ACTIVE - Unnamed Allocatable
             Current User: NONE Access Control: (User: NONE - Group: NONE)
             IN:  pkts         20          bytes                 1696
             OUT: pkts          0          bytes                    0
              -- endpoint ID 0006 module tuntap      : tap0
            Port 0002 untagged_vlan=0000 ACTIVE - Unnamed Allocatable
             Current User: root Access Control: (User: NONE - Group: NONE)
             IN:  pkts          8          bytes                 1660
             OUT: pkts          8          bytes                 1284
              -- endpoint ID 0003 module unix prog   : QEMU user=root pid=10659
            .
            1000 Success

            vde$\s""";

    @Test
    void parsesTheFramedDataAndTheStatus() {
        ManagementClient.Reply reply = ManagementClient.parse(PORTS, "/m");
        assertEquals(1000, reply.code());
        assertTrue(reply.success());
        List<Port> ports = Port.parse(reply.data());
        assertEquals(2, ports.size());
        assertEquals(new Port(1, 0, true, "NONE", List.of("tuntap : tap0"), 20, 1696, 0, 0), ports.get(0));
        assertEquals("tap0", ports.get(0).tap());
        assertFalse(ports.get(0).program());
        assertEquals(List.of("unix prog : QEMU user=root pid=10659"), ports.get(1).endpoints());
        assertTrue(ports.get(1).program());
        assertEquals(1284, ports.get(1).outBytes());
    }

    @Test
    void errorsAndAnswersWithoutData() {
        ManagementClient.Reply reply = ManagementClient.parse("1038 Function not implemented\n\nvde$ ", "/m");
        assertEquals(1038, reply.code());
        assertEquals("Function not implemented", reply.text());
        assertEquals("", reply.data());
        assertThrows(EnvironmentException.class, () -> ManagementClient.parse("garbage", "/m"));
    }

    @Test
    void showinfoBecomesRecords() {
        // exactly as vde_switch 2.3.2 answers showinfo (recorded on this machine)
        String answer = "0000 DATA END WITH '.'\nVDE switch V.2.3.2\n(C) Virtual Square Team (coord. R. Davoli) "
                + "2005,2006,2007 - GPLv2\n\npid 19735 MAC 00:ff:d0:72:2d:62 uptime 0\n"
                + "mgmt /tmp/tmp.DS49H13YrQ/mgmt perm 0600\n.\n1000 Success\n\nvde$ ";
        String data = ManagementClient.parse(answer, "/m").data();
        var info = SwitchInfo.parse(data);
        assertEquals("V.2.3.2", info.version());
        assertEquals(19735L, info.pid());
        assertEquals("00:ff:d0:72:2d:62", info.mac());
        assertEquals(0L, info.uptime());
        assertEquals("/tmp/tmp.DS49H13YrQ/mgmt", info.mgmt());
        assertEquals("0600", info.mgmtPerm());
    }
}
