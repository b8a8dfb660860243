package org.ctys.plugin.vde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** A switch's record: what root's cancel feeds to ip, so every value is checked when it is read. */
class SwitchRecordTest {

    private static final List<String> GOOD = List.of("mgmt=/var/tmp/vde_mgmt0.root", "netns=net:[4026531840]", "tap=tap0123abcd",
            "bridge=ibr0", "bridgecreated=yes", "user=root", "group=root", "iface=eth0",
            "ifaddrs=10.0.0.5/24 brd 10.0.0.255 scope global;10.0.0.6/24 scope global;2001:db8::5/64 nodad",
            "ifroutes=default via 10.0.0.1 proto static metric 100;10.2.0.0/16 via 10.0.0.254");

    @Test
    void aRecordReadsBackAsWritten() {
        SwitchRecord record = SwitchRecord.parse(GOOD);
        assertEquals("eth0", record.iface());
        assertEquals(3, record.addresses().size());
        assertEquals(record, SwitchRecord.parse(List.of(record.text().split("\n"))));
    }

    @Test
    void aValueOutsideItsGrammarIsRefusedByItsKey() {
        assertEquals("ifroutes=default via 10.0.0.1 dev lo", refused("ifroutes=default via 10.0.0.1 dev lo"));
        assertEquals("iface=lo;x", refused("iface=lo;x"));
        assertEquals("ifaddrs=10.0.0.300/24", refused("ifaddrs=10.0.0.300/24"));
        assertEquals("ifaddrs=10.0.0.3/24 dev lo", refused("ifaddrs=10.0.0.3/24 dev lo"));
        assertEquals("netns=net:[1]; x", refused("netns=net:[1]; x"));
        assertEquals("ifaddrs=host.example/24", refused("ifaddrs=host.example/24"));
        assertEquals("bridge=br0 type", refused("bridge=br0 type"));
        assertEquals("tap=eth0", refused("tap=eth0"));
        assertEquals("mgmt=relative/path", refused("mgmt=relative/path"));
        assertEquals("bridgecreated=maybe", refused("bridgecreated=maybe"));
        assertEquals("user=x;id", refused("user=x;id"));
        assertEquals("tap=tap0123abcd", assertThrows(IllegalArgumentException.class, () -> SwitchRecord.parse(
                java.util.stream.Stream.concat(GOOD.stream(), java.util.stream.Stream.of("tap=tap0123abcd")).toList()))
                .getMessage(), "a key twice");
    }

    private static String refused(String line) {
        String key = line.substring(0, line.indexOf('='));
        List<String> lines = GOOD.stream().map(l -> l.startsWith(key + "=") ? line : l).toList();
        return assertThrows(IllegalArgumentException.class, () -> SwitchRecord.parse(lines)).getMessage();
    }

    @Test
    void routesAreThoseIpPrints() {
        assertTrue(Names.isRoute("default via fe80::1 proto ra metric 1024 expires 1799sec pref medium"));
        assertTrue(Names.isRoute("blackhole 10.9.0.0/16"));
        assertTrue(Names.isRoute("192.168.5.0/24 proto static scope link"));
        assertFalse(Names.isRoute("default via 10.0.0.1 table 5 nexthop via 10.0.0.2"));
        assertFalse(Names.isRoute(""));
        assertFalse(Names.isRoute("flush all"));
    }

    @Test
    void theSwitchIsTheProcessWithItsProgramOwnerSocketAndNamespace() {
        SwitchProcess process = new SwitchProcess("42", "vde_switch", 1001, "net:[1]",
                List.of("vde_switch", "-d", "-t", "tap0123abcd", "-s", "/var/tmp/s.a", "-M", "/var/tmp/vde_mgmt0.a"));
        String sock = "/var/tmp/s.a";
        assertEquals(null, process.notTheSwitch(sock, "/var/tmp/vde_mgmt0.a", Set.of(0, 1001), "net:[1]"));
        assertTrue(process.notTheSwitch(sock, "/var/tmp/vde_mgmt0.b", Set.of(0, 1001), "net:[1]")
                .contains("does not name the management socket"));
        assertTrue(process.notTheSwitch("/var/tmp/s.b", "/var/tmp/vde_mgmt0.a", Set.of(0, 1001), "net:[1]")
                .contains("does not name the data socket"));
        assertTrue(process.notTheSwitch(sock, "/var/tmp/vde_mgmt0.a", Set.of(0), "net:[1]").contains("uid 1001"));
        assertTrue(process.notTheSwitch(sock, "/var/tmp/vde_mgmt0.a", Set.of(0, 1001), "net:[2]")
                .contains("namespace"));
        assertTrue(new SwitchProcess("42", "sleep", 0, "net:[1]", List.of("sleep", "600"))
                .notTheSwitch(sock, "/var/tmp/vde_mgmt0.a", Set.of(0), "net:[1]").contains("'sleep'"));
    }

    /** Whatever a record holds, it is refused or every value it gives ip is one line without a device of its own. */
    @Property(tries = 3000)
    void anyRecordIsRefusedOrSafeToFeedToIp(@ForAll("lines") List<String> lines) {
        SwitchRecord record;
        try {
            record = SwitchRecord.parse(lines);
        } catch (IllegalArgumentException refused) {
            return;
        }
        for (String value : record.routes()) {
            assertFalse(value.contains("\n") || List.of(value.split(" ")).contains("dev"), value);
        }
        assertEquals(record, SwitchRecord.parse(List.of(record.text().split("\n"))));
    }

    @Provide
    Arbitrary<List<String>> lines() {
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of("root", "eth0", "tap0123abcd", "/var/tmp/m",
                "yes", "10.0.0.1/24", "default via 10.0.0.1", "lo dev x", "a;b", "1.2.3.4", "fe80::1/64 dev lo"),
                Arbitraries.strings().withChars("abt0123;/. :-\\nx").ofMaxLength(24));
        Arbitrary<String> key = Arbitraries.of("mgmt", "netns", "tap", "bridge", "bridgecreated", "user", "group", "iface",
                "ifaddrs", "ifroutes", "other");
        return net.jqwik.api.Combinators.combine(key, value).as((k, v) -> k + "=" + v).list().ofMaxSize(12)
                .map(extra -> java.util.stream.Stream.concat(GOOD.stream()
                        .filter(l -> extra.stream().noneMatch(e -> e.startsWith(l.substring(0, l.indexOf('=') + 1)))),
                        extra.stream()).toList());
    }
}
