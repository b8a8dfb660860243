package org.ctys.plugin.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ctys.api.ActionResult;
import org.ctys.api.Target;
import org.ctys.api.TargetFailureException;
import org.ctys.spi.GuestProvider;
import org.ctys.spi.GuestRequest;
import org.ctys.spi.PluginContext;
import org.ctys.spi.RunningGuest;
import org.ctys.testkit.Nodes;
import org.ctys.testkit.RecordingCommandRunner;
import org.ctys.testkit.TestPluginContext;
import org.junit.jupiter.api.Test;

class LabGuestsTest {

    /** Guests by host and name, as a provider on several hosts would keep them. */
    private static final class Provider implements GuestProvider {
        final Map<String, GuestRequest> running = new HashMap<>();
        final List<GuestRequest> started = new ArrayList<>();
        final List<Duration> graces = new ArrayList<>();

        private static String key(GuestRequest request, PluginContext context) {
            return context.target().host() + ":" + request.runName();
        }

        @Override
        public synchronized Optional<RunningGuest> find(GuestRequest request, PluginContext context) {
            return Optional.ofNullable(running.get(key(request, context)))
                    .map(r -> new RunningGuest(r.runName(), 7, "running", List.of()));
        }

        @Override
        public synchronized RunningGuest start(GuestRequest request, PluginContext context) {
            if (context.dryRun()) {
                return new RunningGuest(request.runName(), 0, "planned", List.of());
            }
            started.add(request);
            running.put(key(request, context), request);
            return new RunningGuest(request.runName(), 42, "running", List.of("52:54:00:00:00:01"));
        }

        @Override
        public synchronized boolean stop(GuestRequest request, PluginContext context, Duration grace) {
            graces.add(grace);
            return running.remove(key(request, context)) != null;
        }
    }

    private final Nodes nodes = new Nodes();
    private final Lab lab = LabReader.read(nodes.map("name", "gl", "switches", nodes.map(
            "a", nodes.map("host", "h1"), "b", nodes.map("host", "h2")),
            "guests", nodes.map("g1", nodes.map("switch", "a", "definition", "pxe1"),
                    "g2", nodes.map("switch", "b", "definition", "pxe1", "type", "kvm"))), "gl.yaml");
    private final Provider provider = new Provider();

    private TestPluginContext context(boolean withH2) {
        TestPluginContext.Builder builder = TestPluginContext.builder().setting(PluginContext.SOCKET_BASE, "/run/x")
                .service(GuestProvider.class, provider).reach(Target.of("h1"), new RecordingCommandRunner());
        if (withH2) {
            builder.reach(Target.of("h2"), new RecordingCommandRunner());
        }
        return builder.build();
    }

    @Test
    void eachGuestRunsUnderTheLabsNameOnItsLabSwitch() {
        ActionResult created = new LabGuests(lab, context(true)).create();
        assertEquals(List.of(new GuestRequest("pxe1", "gl.g1", List.of("/run/x/lab-gl.a.sock"), false),
                new GuestRequest("pxe1", "gl.g2", List.of("/run/x/lab-gl.b.sock"), true)), provider.started);
        assertEquals(true, created.changed());
        assertEquals(new LabTable.Part("gl", "g2", "guest", "h2", "gl.g2 (KVM pxe1) on b", "started (pid 42)"),
                created.records().get(1));
        ActionResult again = new LabGuests(lab, context(true)).create();
        assertEquals(false, again.changed());
        assertEquals(List.of("up", "up"), Statuses.of(again));
        assertEquals(2, provider.started.size(), "a running guest is not started twice");
    }

    @Test
    void aDryRunPlansTheGuestsAndSucceeds() {
        TestPluginContext dry = TestPluginContext.builder().setting(PluginContext.SOCKET_BASE, "/run/x")
                .service(GuestProvider.class, provider).reach(Target.of("h1"), new RecordingCommandRunner())
                .reach(Target.of("h2"), new RecordingCommandRunner()).dryRun(true).build();
        assertEquals(List.of("planned", "planned"), Statuses.of(new LabGuests(lab, dry).create()));
        assertEquals(List.of(), provider.started);
    }

    @Test
    void checkNamesTheGuestThatIsDownAndCancelQuitsAtOnce() {
        new LabGuests(lab, context(true)).create();
        provider.running.remove("h2:gl.g2");
        TargetFailureException down = assertThrows(TargetFailureException.class,
                () -> new LabGuests(lab, context(true)).check());
        assertEquals("lab gl: g2 on h2 is down", down.getMessage());
        assertEquals(List.of("removed", "absent"), Statuses.of(new LabGuests(lab, context(true)).cancel()));
        assertEquals(List.of(Duration.ZERO, Duration.ZERO), provider.graces);
        TargetFailureException unreachable = assertThrows(TargetFailureException.class,
                () -> new LabGuests(lab, context(false)).create());
        assertEquals("lab gl: g2 on h2 is failed (cannot reach h2: not given to the test)", unreachable.getMessage());
    }
}
