package org.ctys.plugin.lab;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.ctys.api.ActionResult;
import org.ctys.api.EnvironmentException;
import org.ctys.spi.PluginContext;
import org.ctys.spi.SwitchRequest;
import org.ctys.spi.VirtualSwitchProvider;

/**
 * A lab's switches on their hosts, through the switch provider of each host (the VDE plugin): each is a switch of
 * its own, told apart from the user's others by its sockets ({@code <socket base>/lab-<lab>.<switch>.sock} and
 * {@code .mgmt}) and its bridge. Every host is worked on in parallel, from the control host.
 */
final class LabSwitches {

    private final Lab lab;
    private final PluginContext context;

    LabSwitches(Lab lab, PluginContext context) {
        this.lab = lab;
        this.context = context;
    }

    /**
     * @return the request for a switch on a host whose socket base is {@code base}; in a lab whose cables close a
     *     loop every switch runs a spanning tree, which blocks one port of each loop
     */
    static SwitchRequest request(Lab lab, LabSwitch labSwitch, String base) {
        String stem = base + "/lab-" + lab.name() + "." + labSwitch.name();
        Map<String, String> options = labSwitch.options();
        return new SwitchRequest(options.get("user"), options.get("group"), bridge(lab, labSwitch),
                options.get("interface"), stem + ".sock", stem + ".mgmt", lab.loopClosedBy().isPresent());
    }

    /** @return the switch's bridge: its own, else {@code <lab>-<switch>} */
    static String bridge(Lab lab, LabSwitch labSwitch) {
        return labSwitch.options().getOrDefault("bridge", lab.name() + "-" + labSwitch.name());
    }

    /** Brings every switch up: reused when healthy, repaired when broken, made when missing. */
    ActionResult create() {
        return onEveryHost("up", (provider, pair) -> {
            boolean healthy = provider.find(pair.request(), pair.context()).isPresent();
            provider.make(pair.request(), pair.context());
            return healthy ? "up" : "created";
        });
    }

    /** Says which switches are up; fails, with the table, when one is not. */
    ActionResult check() {
        return onEveryHost("up", (provider, pair) -> provider.find(pair.request(), pair.context()).isPresent()
                ? "up" : "down");
    }

    /** Removes every switch the lab made; one that is gone already is no error. */
    ActionResult cancel() {
        return onEveryHost("removed", (provider, pair) -> provider.cancel(pair.request(), pair.context())
                ? "removed" : "absent");
    }

    /** A switch with the context of its host. */
    private record OnHost(SwitchRequest request, PluginContext context) {
    }

    /** @return whether each switch is up, without failing when one is not */
    LabTable survey() {
        return tabulate("up", (provider, pair) -> provider.find(pair.request(), pair.context()).isPresent()
                ? "up" : "down");
    }

    /** Fails with the table when a switch is not well. */
    private ActionResult onEveryHost(String good, BiFunction<VirtualSwitchProvider, OnHost, String> step) {
        LabTable table = tabulate(good, step);
        return table.result("lab " + lab.name() + ": " + table.rows().size() + " switches");
    }

    /**
     * Runs {@code step} for every switch, the hosts in parallel, and tabulates the outcome.
     *
     * @param good the status besides {@code created} and {@code absent} that means all is well
     */
    private LabTable tabulate(String good, BiFunction<VirtualSwitchProvider, OnHost, String> step) {
        List<HostSteps.Outcome<LabSwitch>> outcomes = HostSteps.run(context, List.copyOf(lab.switches().values()),
                LabSwitch::host, (host, labSwitch) -> step.apply(host.service(VirtualSwitchProvider.class)
                        .orElseThrow(() -> new EnvironmentException("no plugin offers virtual switches (install the "
                                + "VDE plugin)")), new OnHost(request(lab, labSwitch, host.socketBase()), host)));
        LabTable table = new LabTable(lab.name());
        for (HostSteps.Outcome<LabSwitch> outcome : outcomes) {
            LabSwitch labSwitch = outcome.part();
            String status = outcome.status();
            boolean well = status.equals(good) || status.equals("created") || status.equals("absent");
            table.row(labSwitch.name(), "switch", labSwitch.host().toString(), bridge(lab, labSwitch), status,
                    status.equals("created") || status.equals("removed"), well ? null : labSwitch.name() + " on "
                    + labSwitch.host().address() + " is " + status + (outcome.failure() == null ? ""
                    : " (" + outcome.failure() + ")"));
        }
        return table;
    }
}
