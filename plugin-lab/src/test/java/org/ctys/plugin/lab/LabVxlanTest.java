package org.ctys.plugin.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ctys.api.ActionResult;
import org.ctys.api.Target;
import org.ctys.api.TargetFailureException;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandResult;
import org.ctys.spi.PluginContext;
import org.ctys.testkit.Nodes;
import org.ctys.testkit.RecordingCommandRunner;
import org.ctys.testkit.TestPluginContext;
import org.junit.jupiter.api.Test;

class LabVxlanTest {

    /** A host's network devices as {@code ip} keeps them: just what the VXLAN cables make, ask and remove. */
    private static final class Kernel {
        final String address;
        final Map<String, String[]> devices = new LinkedHashMap<>();   // name -> {vni, remote, alias, master}
        final Map<String, String> ports = new LinkedHashMap<>();       // name -> dstport, where not 4789

        Kernel(String address) {
            this.address = address;
        }

        synchronized CommandResult run(Command command) {
            List<String> argv = command.argv();
            if (argv.get(0).equals("sh")) {
                StringBuilder out = new StringBuilder("10.0.0.9 50000 " + address + " 22\n");
                int index = 1;
                for (Map.Entry<String, String[]> d : devices.entrySet()) {
                    String[] v = d.getValue();
                    out.append(index++).append(": ").append(d.getKey()).append(": <BROADCAST,UP,LOWER_UP> mtu 1500")
                            .append(v[3].isEmpty() ? "" : " master " + v[3]).append(" state UNKNOWN\\    vxlan id ")
                            .append(v[0]).append(" remote ").append(v[1]).append(" srcport 0 0 dstport ")
                            .append(ports.getOrDefault(d.getKey(), "4789")).append(" ttl auto")
                            .append(v[2].isEmpty() ? "" : " \\    alias " + v[2]).append('\n');
                }
                return RecordingCommandRunner.ok(out.toString());
            }
            String line = String.join(" ", argv);
            if (line.startsWith("ip link add ")) {
                String vni = argv.get(argv.indexOf("id") + 1);
                if (devices.containsKey(argv.get(3)) || devices.values().stream().anyMatch(v -> v[0].equals(vni))) {
                    return RecordingCommandRunner.failed(2, "RTNETLINK answers: File exists");
                }
                devices.put(argv.get(3), new String[] {vni, argv.get(argv.indexOf("remote") + 1), "", ""});
                ports.put(argv.get(3), argv.get(argv.indexOf("dstport") + 1));
            } else if (line.startsWith("ip link set dev ") && argv.get(5).equals("alias")) {
                devices.get(argv.get(4))[2] = argv.get(6);
            } else if (line.startsWith("ip link set dev ") && argv.get(5).equals("master")) {
                devices.get(argv.get(4))[3] = argv.get(6);
            } else if (line.startsWith("ip link del dev ")) {
                devices.remove(argv.get(4));
            }
            return RecordingCommandRunner.ok("");
        }
    }

    private final Nodes nodes = new Nodes();
    private final Kernel h1 = new Kernel("192.0.2.1");
    private final Kernel h2 = new Kernel("192.0.2.2");
    private final List<Command> commands = new ArrayList<>();

    private Lab lab(String... cables) {
        List<Object> list = new ArrayList<>();
        for (String cable : cables) {
            list.add(nodes.map("ends", nodes.list(cable.split("-")), "kind", "vxlan"));
        }
        return lab(list);
    }

    private Lab lab(List<Object> list) {
        return LabReader.read(nodes.map("name", "vx", "switches", nodes.map("a", nodes.map("host", "h1"),
                "b", nodes.map("host", "h2"), "c", nodes.map("host", "h2")), "cables", nodes.list(list.toArray())),
                "vx.yaml");
    }

    private PluginContext context() {
        return TestPluginContext.builder()
                .reach(Target.of("h1"), new RecordingCommandRunner(c -> record(c, h1)))
                .reach(Target.of("h2"), new RecordingCommandRunner(c -> record(c, h2))).build();
    }

    private CommandResult record(Command command, Kernel kernel) {
        synchronized (commands) {
            commands.add(command);
        }
        return kernel.run(command);
    }

    private static long vni(ActionResult result, int row) {
        return Long.parseLong(result.records(LabTable.Part.class).get(row).detail().substring("vni ".length()));
    }

    @Test
    void aCableTakesAVniNoDeviceOnEitherHostUsesAndKeepsIt() {
        Lab lab = lab("a-b");
        long first = new LabVxlan(lab, context()).candidates(lab.cables().get(0)).get(0);
        // another tool's VXLAN device on the second host has the cable's first VNI
        h2.devices.put("other", new String[] {Long.toString(first), "198.51.100.7", "", ""});
        ActionResult created = new LabVxlan(lab, context()).create();
        assertEquals(List.of("created"), Statuses.of(created));
        long vni = vni(created, 0);
        assertNotEquals(first, vni);
        assertEquals(List.of(Long.toString(vni), "192.0.2.2", "ctys lab vx cable a-b", "vx-a"),
                List.of(h1.devices.get("vx" + vni)));
        assertEquals("192.0.2.1", h2.devices.get("vx" + vni)[1]);
        ActionResult again = new LabVxlan(lab, context()).create();
        assertEquals(List.of("up"), Statuses.of(again));
        assertEquals(vni, vni(again, 0));
        assertEquals(List.of("removed"), Statuses.of(new LabVxlan(lab, context()).cancel()));
        assertEquals(List.of("other"), List.copyOf(h2.devices.keySet()), "the other tool's device is left");
        assertTrue(h1.devices.isEmpty());
    }

    @Test
    void aCableDroppedFromTheFileTakesOnlyItsOwnDevices() {
        Lab both = lab("a-b", "a-c");
        assertEquals(List.of("created", "created"), Statuses.of(new LabVxlan(both, context()).create()));
        assertEquals(2, h1.devices.size());
        Lab dropped = both.withCables(List.of(both.cables().get(1)));
        assertEquals(List.of("removed"), Statuses.of(new LabVxlan(dropped, context()).cancel()));
        assertEquals(List.of("ctys lab vx cable a-b"), h1.devices.values().stream().map(v -> v[2]).toList());
        assertEquals(List.of("up"), Statuses.of(new LabVxlan(lab("a-b"), context()).create()));
    }

    @Test
    void aDeviceMadeAgainElsewhereWithAnotherVniIsRemadeOnBothEnds() {
        Lab lab = lab("a-b");
        long vni = vni(new LabVxlan(lab, context()).create(), 0);
        // someone takes the cable's VNI on the second host after its device there was removed by hand
        h2.devices.remove("vx" + vni);
        h2.devices.put("theirs", new String[] {Long.toString(vni), "198.51.100.7", "", ""});
        ActionResult mended = new LabVxlan(lab, context()).create();
        long now = vni(mended, 0);
        assertNotEquals(vni, now);
        assertEquals(List.of("created"), Statuses.of(mended), "made anew on the second host, remade on the first");
        assertTrue(h1.devices.containsKey("vx" + now) && h2.devices.containsKey("vx" + now), h1.devices + " "
                + h2.devices);
        assertTrue(h2.devices.containsKey("theirs"));
        assertEquals(List.of("up"), Statuses.of(new LabVxlan(lab, context()).check()));
    }

    @Test
    void aCableWhosePortChangedInTheFileIsDownUntilItIsRemadeOnIt() {
        Lab lab = lab("a-b");
        long vni = vni(new LabVxlan(lab, context()).create(), 0);
        assertEquals("4789", h1.ports.get("vx" + vni));
        Lab moved = lab(List.of(nodes.map("ends", nodes.list("a", "b"), "kind", "vxlan", "port", "8472")));
        TargetFailureException down = assertThrows(TargetFailureException.class,
                () -> new LabVxlan(moved, context()).check());
        assertEquals("lab vx: cable a-b is down: vx" + vni + " on h1 sends to 192.0.2.2 port 4789, not 192.0.2.2 "
                + "port 8472", down.getMessage());
        assertEquals(List.of("repaired"), Statuses.of(new LabVxlan(moved, context()).create()));
        assertEquals(List.of("8472", "8472"), List.of(h1.ports.get("vx" + vni), h2.ports.get("vx" + vni)));
        assertEquals(List.of("up"), Statuses.of(new LabVxlan(moved, context()).check()));
    }
}
