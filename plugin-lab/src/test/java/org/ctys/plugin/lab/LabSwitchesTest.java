package org.ctys.plugin.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ctys.api.ActionResult;
import org.ctys.api.Target;
import org.ctys.api.TargetFailureException;
import org.ctys.spi.PluginContext;
import org.ctys.spi.SwitchEndpoint;
import org.ctys.spi.SwitchRequest;
import org.ctys.spi.VirtualSwitchProvider;
import org.ctys.testkit.Nodes;
import org.ctys.testkit.RecordingCommandRunner;
import org.ctys.testkit.TestPluginContext;
import org.junit.jupiter.api.Test;

class LabSwitchesTest {

    /** Switches by host and management socket, as a provider on several hosts would keep them. */
    private static final class Provider implements VirtualSwitchProvider {
        final Set<String> up = new HashSet<>();
        final List<SwitchRequest> requests = new ArrayList<>();

        private String key(SwitchRequest request, PluginContext context) {
            return context.target().host() + ":" + request.mgmt();
        }

        @Override
        public Optional<SwitchEndpoint> endpoint(String user, PluginContext context) {
            throw new AssertionError("a lab asks for its own switches");
        }

        @Override
        public synchronized Optional<SwitchEndpoint> find(SwitchRequest request, PluginContext context) {
            return up.contains(key(request, context)) ? Optional.of(new SwitchEndpoint("root", request.sock(),
                    request.mgmt())) : Optional.empty();
        }

        @Override
        public synchronized SwitchEndpoint make(SwitchRequest request, PluginContext context) {
            requests.add(request);
            up.add(key(request, context));
            return new SwitchEndpoint("root", request.sock(), request.mgmt());
        }

        @Override
        public synchronized boolean cancel(SwitchRequest request, PluginContext context) {
            return up.remove(key(request, context));
        }
    }

    private final Nodes nodes = new Nodes();
    private final Lab lab = LabReader.read(nodes.map("name", "two", "switches", nodes.map(
            "a", nodes.map("host", "h1", "user", "alice", "group", "lab"),
            "b", nodes.map("host", "h1", "bridge", "twob"),
            "c", nodes.map("host", "h2"))), "two.yaml");
    private final Provider provider = new Provider();

    private TestPluginContext context(boolean withH2) {
        TestPluginContext.Builder builder = TestPluginContext.builder().setting(PluginContext.SOCKET_BASE, "/run/x")
                .service(VirtualSwitchProvider.class, provider).reach(Target.of("h1"), new RecordingCommandRunner());
        if (withH2) {
            builder.reach(Target.of("h2"), new RecordingCommandRunner());
        }
        return builder.build();
    }

    @Test
    void eachSwitchIsOneOfItsOwnWithTheFilesOptions() {
        ActionResult created = new LabSwitches(lab, context(true)).create();
        assertEquals(List.of(new SwitchRequest("alice", "lab", "two-a", null, "/run/x/lab-two.a.sock",
                        "/run/x/lab-two.a.mgmt"),
                new SwitchRequest(null, null, "twob", null, "/run/x/lab-two.b.sock", "/run/x/lab-two.b.mgmt"),
                new SwitchRequest(null, null, "two-c", null, "/run/x/lab-two.c.sock", "/run/x/lab-two.c.mgmt")),
                provider.requests);
        assertEquals(true, created.changed());
        assertEquals(new LabTable.Part("two", "c", "switch", "h2", "two-c", "created"), created.records().get(2));
        ActionResult again = new LabSwitches(lab, context(true)).create();
        assertEquals(false, again.changed());
        assertEquals(List.of("up", "up", "up"), Statuses.of(again));
    }

    @Test
    void theSwitchesOfALabWhoseCablesCloseALoopRunASpanningTree() {
        Lab ring = LabReader.read(nodes.map("name", "ring", "switches", nodes.map("a", nodes.map("host", "h1"),
                "b", nodes.map("host", "h1"), "c", nodes.map("host", "h2")), "cables", nodes.list(
                        nodes.map("ends", nodes.list("a", "b"), "kind", "ssh"),
                        nodes.map("ends", nodes.list("b", "c"), "kind", "ssh"))), "ring.yaml");
        assertEquals(false, LabSwitches.request(ring, ring.switches().get("a"), "/x").spanningTree(), "a chain");
        Lab closed = new Lab("ring", ring.switches(), java.util.stream.Stream.concat(ring.cables().stream(),
                java.util.stream.Stream.of(new Cable("c", "a", Cable.Kind.SSH, ring.cables().get(0).link(), 0)))
                .toList(), Map.of());
        assertEquals(true, LabSwitches.request(closed, closed.switches().get("c"), "/x").spanningTree());
    }

    @Test
    void anUnreachableHostFailsTheActionWithTheTableAndTheOthersStillDone() {
        TargetFailureException e = assertThrows(TargetFailureException.class,
                () -> new LabSwitches(lab, context(false)).create());
        assertEquals("lab two: c on h2 is failed (cannot reach h2: not given to the test)", e.getMessage());
        assertEquals(List.of("created", "created", "failed"), Statuses.of(e.partial()));
        TargetFailureException down = assertThrows(TargetFailureException.class,
                () -> new LabSwitches(lab, context(true)).check());
        assertEquals("lab two: c on h2 is down", down.getMessage());
    }

    @Test
    void cancelRemovesWhatIsThereAndCallsTheRestAbsent() {
        new LabSwitches(lab, context(true)).create();
        provider.up.remove("h1:/run/x/lab-two.b.mgmt");
        assertEquals(List.of("removed", "absent", "removed"),
                Statuses.of(new LabSwitches(lab, context(true)).cancel()));
        assertEquals(Set.of(), provider.up);
    }
}
