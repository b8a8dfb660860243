package org.ctys.plugin.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ctys.api.Target;
import org.ctys.api.UsageException;
import org.ctys.spi.DataNode;
import org.ctys.testkit.Nodes;
import org.junit.jupiter.api.Test;

class LabReaderTest {

    /** The lab of the documentation: three hosts, a ring of cables, one guest. */
    static DataNode.Mapping threeHosts() {
        Nodes nodes = new Nodes();
        return nodes.map("name", "bl",
                "switches", nodes.map("s1", nodes.map("host", "h1"), "s2", nodes.map("host", "admin@h2:2222"),
                        "s3", nodes.map("host", "h3", "bridge", "labbr3")),
                "cables", nodes.list(new Object[] {"ends", nodes.list("s1", "s2"), "kind", "ssh"},
                        new Object[] {"ends", nodes.list("s2", "s3"), "kind", "vxlan", "port", "8472"},
                        new Object[] {"ends", nodes.list("s1", "s3"), "kind", "ssh", "delay", "20ms", "jitter", "5ms",
                                "loss", "1%", "rate", "10mbit"}),
                "guests", nodes.map("g1", nodes.map("host", "h1", "switch", "s1", "definition", "pxe1")));
    }

    @Test
    void aLabOfThreeHosts() {
        Lab lab = LabReader.read(threeHosts(), "bl.yaml");
        assertEquals("bl", lab.name());
        assertEquals(List.of("s1", "s2", "s3"), List.copyOf(lab.switches().keySet()));
        assertEquals(new Target("admin", "h2", 2222, List.of()), lab.switches().get("s2").host());
        assertEquals(Map.of("bridge", "labbr3"), lab.switches().get("s3").options());
        assertEquals(new Cable("s1", "s2", Cable.Kind.SSH, LinkEmulation.NONE, 0), lab.cables().get(0));
        assertEquals(Cable.Kind.VXLAN, lab.cables().get(1).kind());
        assertEquals(8472, lab.cables().get(1).port());
        LinkEmulation link = lab.cables().get(2).link();
        assertEquals(List.of("-d", "20+5", "-l", "1", "-b", "1250000"), link.wirefilter());
        assertEquals(List.of("-d", "0.5", "-b", "1"), new LinkEmulation("500us", null, null, "1bit").wirefilter());
        assertEquals(List.of("-d", "1500"), new LinkEmulation("1.5s", null, null, null).wirefilter());
        assertEquals(new LabGuest("g1", Target.of("h1"), "s1", "QEMU", "pxe1"), lab.guests().get("g1"));
    }

    @Test
    void aCableIsSshAndAGuestRunsOnItsSwitchsHostUnlessTheFileSaysOtherwise() {
        Nodes nodes = new Nodes();
        Lab lab = LabReader.read(nodes.map("name", "x", "switches", nodes.map("a", nodes.map("host", "h1"),
                "b", nodes.map("host", "h1")),
                "cables", nodes.list((Object) new Object[] {"ends", nodes.list("a", "b")}),
                "guests", nodes.map("g", nodes.map("switch", "b", "definition", "vm1", "type", "kvm"))), "x.yaml");
        assertEquals(Cable.Kind.SSH, lab.cables().get(0).kind());
        assertEquals(new LabGuest("g", Target.of("h1"), "b", "KVM", "vm1"), lab.guests().get("g"));
    }

    @Test
    void everyProblemIsNamedWithItsLineOnOneLineInTheOrderOfTheFile() {
        Nodes nodes = new Nodes();
        DataNode.Mapping file = nodes.map("name", "Big_Lab",
                "switches", nodes.map("s1", nodes.map("host", "h1:0"), "s2", nodes.map("host", "h2", "brigde", "x"),
                        "s3", nodes.map("host", "h2", "bridge", "a b")),
                "cables", nodes.list((Object) new Object[] {"ends", nodes.list("s1", "s9")}));
        UsageException e = assertThrows(UsageException.class, () -> LabReader.read(file, "bad.yaml"));
        List<String> problems = List.of(e.getMessage().split("; "));
        assertEquals(Set.of("lab name 'Big_Lab' is not valid (expected 1-8 lower-case letters, digits or '-', "
                        + "starting with a letter or digit)",
                "host of switch s1: expected a port number 1-65535 in 'h1:0' at column 4",
                "unknown key 'brigde' in switch s2 (expected one of host, bridge, interface, user, group, address)",
                "bridge 'a b' of switch s3: expected an interface name of 1-15 letters, digits, '_', '.' or '-', "
                        + "e.g. br0",
                "cable s1-s9 ends at 's9', which is not a switch of the lab"),
                problems.stream().map(p -> p.replaceFirst("^bad\\.yaml:[0-9]+: ", "")).collect(Collectors.toSet()));
        List<Integer> lines = problems.stream()
                .map(p -> Integer.valueOf(p.replaceFirst("^bad\\.yaml:([0-9]+): .*", "$1"))).toList();
        assertEquals(lines.stream().sorted().toList(), lines, "in the order of the file");
    }

    @Test
    void cablesJoinTwoKnownSwitchesAndVxlanJoinsTwoHosts() {
        assertProblem("a cable needs 'ends' with two different switches", cables("ends", List.of("s1", "s1")));
        assertProblem("a cable needs 'ends' with two different switches", cables("ends", List.of("s1")));
        assertProblem("cable s1-s2 is vxlan, but both switches are on h1 (a vxlan cable joins two hosts: use ssh "
                + "within one)", cables("ends", List.of("s1", "s2"), "kind", "vxlan"));
        assertProblem("kind 'udp' of cable s1-s2 is not one (expected ssh or vxlan)",
                cables("ends", List.of("s1", "s2"), "kind", "udp"));
        assertProblem("jitter of cable s1-s2 needs a delay", cables("ends", List.of("s1", "s2"), "jitter", "1ms"));
        assertProblem("delay '20 ms' of cable s1-s2: expected a time such as 20ms, 500us or 1.5s",
                cables("ends", List.of("s1", "s2"), "delay", "20 ms"));
        assertProblem("loss '200%' of cable s1-s2: expected at most 100%",
                cables("ends", List.of("s1", "s2"), "loss", "200%"));
        assertProblem("rate '0mbit' of cable s1-s2: expected a rate above 0",
                cables("ends", List.of("s1", "s2"), "rate", "0mbit"));
        assertProblem("port '65536' of cable s1-s2: expected a UDP port from 1 to 65535",
                cables("ends", List.of("s1", "s2"), "port", "65536"));
        assertProblem("port of cable s1-s2 is for a vxlan cable, and this one is ssh",
                cables("ends", List.of("s1", "s2"), "port", "8472"));
    }

    @Test
    void guestsNeedAKnownSwitchOnTheirHostAndANameOfTheirOwn() {
        Nodes nodes = new Nodes();
        assertProblem("guest g is plugged into 's9', which is not a switch of the lab", guests(nodes,
                nodes.map("g", nodes.map("switch", "s9", "definition", "vm"))));
        assertProblem("guest g runs on h2 but its switch s1 on h1 (a guest runs on its switch's host)", guests(nodes,
                nodes.map("g", nodes.map("switch", "s1", "definition", "vm", "host", "h2"))));
        assertProblem("guest s1 has the name of a switch (a name stands for one thing in a lab)", guests(nodes,
                nodes.map("s1", nodes.map("switch", "s1", "definition", "vm"))));
        assertProblem("guest g needs the label of its QEMU or KVM definition ('definition')", guests(nodes,
                nodes.map("g", nodes.map("switch", "s1"))));
        assertProblem("type 'LXC' of guest g is not one (expected QEMU or KVM)", guests(nodes,
                nodes.map("g", nodes.map("switch", "s1", "definition", "vm", "type", "lxc"))));
    }

    @Test
    void aFileThatIsNoLabSaysWhatALabIs() {
        assertProblem("a lab is a mapping with name, switches, cables and guests, not a list",
                new DataNode.Sequence(List.of(), 1));
        Nodes nodes = new Nodes();
        assertProblem("a lab needs at least one switch under 'switches'", nodes.map("name", "x"));
    }

    @Test
    void aLoopOfCablesIsFoundByTheCableThatClosesIt() {
        Lab ring = LabReader.read(threeHosts(), "bl.yaml");
        assertEquals("s1-s3", ring.loopClosedBy().orElseThrow().label(), "s1-s2, s2-s3 and then s1-s3");
        assertEquals(java.util.Optional.empty(), ring.withCables(ring.cables().subList(0, 2)).loopClosedBy());
        Nodes nodes = new Nodes();
        Lab twice = LabReader.read(nodes.map("name", "x", "switches", nodes.map("a", nodes.map("host", "h1"),
                "b", nodes.map("host", "h2")), "cables", nodes.list(new Object[] {"ends", nodes.list("a", "b")},
                new Object[] {"ends", nodes.list("b", "a"), "kind", "vxlan"})), "x.yaml");
        assertEquals("b-a", twice.loopClosedBy().orElseThrow().label(), "two cables between two switches loop");
    }

    private static DataNode cables(Object... cable) {
        Nodes nodes = new Nodes();
        Object[] pairs = cable.clone();
        for (int i = 1; i < pairs.length; i += 2) {
            if (pairs[i] instanceof List<?> list) {
                pairs[i] = nodes.list(list.toArray());
            }
        }
        return nodes.map("name", "x", "switches", nodes.map("s1", nodes.map("host", "h1"),
                "s2", nodes.map("host", "h1")), "cables", nodes.list((Object) pairs));
    }

    private static DataNode guests(Nodes nodes, DataNode.Mapping guests) {
        return nodes.map("name", "x", "switches", nodes.map("s1", nodes.map("host", "h1")), "guests", guests);
    }

    private static void assertProblem(String expected, DataNode file) {
        UsageException e = assertThrows(UsageException.class, () -> LabReader.read(file, "f.yaml"));
        String message = e.getMessage().replaceFirst("^f\\.yaml:[0-9]+: ", "");
        assertEquals(expected, message.startsWith(expected) ? expected : message);
    }
}
