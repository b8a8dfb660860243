package org.ctys.plugin.lab;

import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import org.ctys.api.ActionResult;
import org.ctys.api.EnvironmentException;
import org.ctys.spi.GuestProvider;
import org.ctys.spi.GuestRequest;
import org.ctys.spi.PluginContext;
import org.ctys.spi.RunningGuest;

/**
 * A lab's guests on their hosts, through the guest provider of each host (the QEMU plugin): each runs as
 * {@code <lab>.<guest>} (what {@code -t QEMU -a list} shows) with every network card on its lab switch.
 */
final class LabGuests {

    private final Lab lab;
    private final PluginContext context;

    LabGuests(Lab lab, PluginContext context) {
        this.lab = lab;
        this.context = context;
    }

    /** @return the name a guest of a lab runs under on its host */
    static String runName(Lab lab, LabGuest guest) {
        return lab.name() + "." + guest.name();
    }

    /** @return the request for a guest on a host whose socket base is {@code base} */
    static GuestRequest request(Lab lab, LabGuest guest, String base) {
        String sock = LabSwitches.request(lab, lab.switches().get(guest.switchName()), base).sock();
        return new GuestRequest(guest.definition(), runName(lab, guest), List.of(sock), guest.type().equals("KVM"));
    }

    /** Starts every guest that does not run. */
    ActionResult create() {
        return table("up", (provider, host, guest) -> provider.find(guest, host).isPresent() ? "up"
                : started(provider.start(guest, host)));
    }

    private static String started(RunningGuest guest) {
        // a dry run starts nothing: its plan is shown instead
        return guest.status().equals("planned") ? "planned" : "started (pid " + guest.pid() + ")";
    }

    /** Says which guests run; fails, with the table, when one does not. */
    ActionResult check() {
        return table("up", (provider, host, guest) -> provider.find(guest, host).isPresent() ? "up" : "down");
    }

    /** Quits every guest at once: a lab's guests are its own, and a shutdown inside them is not waited for. */
    ActionResult cancel() {
        return table("removed", (provider, host, guest) -> provider.stop(guest, host, Duration.ZERO) ? "removed"
                : "absent");
    }

    /** What a step does with one guest. */
    private interface Step {
        String apply(GuestProvider provider, PluginContext host, GuestRequest guest);
    }

    private ActionResult table(String good, Step step) {
        BiFunction<PluginContext, LabGuest, String> onHost = (host, guest) -> step.apply(
                host.service(GuestProvider.class).orElseThrow(() -> new EnvironmentException("no plugin offers "
                        + "guests (install the QEMU plugin)")), host, request(lab, guest, host.socketBase()));
        LabTable table = new LabTable(lab.name());
        for (HostSteps.Outcome<LabGuest> outcome : HostSteps.run(context, List.copyOf(lab.guests().values()),
                LabGuest::host, onHost)) {
            LabGuest guest = outcome.part();
            String status = outcome.status();
            boolean changed = status.startsWith("started") || status.equals("removed");
            boolean well = changed || List.of(good, "absent", "planned").contains(status);
            table.row(guest.name(), "guest", guest.host().toString(), runName(lab, guest) + " (" + guest.type()
                    + " " + guest.definition() + ") on " + guest.switchName(), status, changed, well ? null
                    : guest.name() + " on " + guest.host().address() + " is " + status
                    + (outcome.failure() == null ? "" : " (" + outcome.failure() + ")"));
        }
        return table.result("lab " + lab.name() + ": " + table.rows().size() + " guests");
    }
}
