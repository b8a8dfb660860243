package org.ctys.plugin.vde;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ctys.api.ActionResult;
import org.ctys.api.Column;
import org.ctys.api.EnvironmentException;
import org.ctys.api.SubOptions;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.LockedLook;
import org.ctys.api.exec.ProcessCheck;
import org.ctys.spi.PluginContext;
import org.ctys.spi.SwitchEndpoint;
import org.ctys.spi.support.Scripts;

/** The VDE actions on one target: create and cancel (classes of their own), check, info, ports, list. */
final class SwitchActions {

    /** How long a create or cancel waits for another run's create or cancel on the same host. */
    private static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    private static final String LIST = ProcessCheck.withFunction(Scripts.text(VdePlugin.class, "list.sh"));

    private final SwitchSite site;

    private SwitchActions(SwitchSite site) {
        this.site = site;
    }

    /**
     * Runs an action that changes the host under the lock of the switch's directory, taken before the first look
     * and held until the last step: a create and a cancel of one switch (or two creates) never interleave, and a
     * killed holder's lock ends with it. Bad options are refused before anything is locked.
     */
    static <T> T changing(SubOptions options, PluginContext context, java.util.function.Function<SwitchActions, T>
            action) {
        SwitchSpec given = SwitchSpec.of(options, context);
        String base = context.socketBase();
        // the first look rides on the lock's round trip
        try (LockedLook locked = context.lockAndLook(given.directory(base), LOCK_WAIT, Probe.command(given, base))) {
            return action.apply(new SwitchActions(new SwitchSite(given, options, context,
                    Probe.of(locked.look()))));
        }
    }

    /** Looks at the target for an action that changes nothing. */
    SwitchActions(SubOptions options, PluginContext context) {
        this(look(SwitchSpec.of(options, context), options, context));
    }

    private static SwitchSite look(SwitchSpec spec, SubOptions options, PluginContext context) {
        return new SwitchSite(spec, options, context, Probe.run(context.runner(), spec, context.socketBase()));
    }

    ActionResult create() {
        return new CreateSwitch(site).run();
    }

    ActionResult cancel() {
        return new CancelSwitch(site).run();
    }

    ActionResult check() {
        SwitchSite.Health health = site.health(site.record());
        if (!health.healthy()) {
            throw new EnvironmentException("switch " + site.mgmt + " on " + site.context.target() + " is not "
                    + "healthy: " + String.join("; ", health.problems()));
        }
        return ActionResult.unchanged("switch " + site.mgmt + " is healthy", List.of(site.row("healthy")));
    }

    /** @return the endpoint of this user's switch when it is healthy */
    Optional<SwitchEndpoint> endpoint() {
        return site.health(site.record()).healthy() ? Optional.of(endpointOf()) : Optional.empty();
    }

    /** @return where this user's switch is reached, whether it is up or not */
    SwitchEndpoint endpointOf() {
        return new SwitchEndpoint(site.user, site.sock, site.mgmt);
    }

    ActionResult info() {
        try (ManagementClient client = site.open()) {
            ManagementClient.Reply reply = client.send("showinfo");
            return ActionResult.unchanged("showinfo", List.of(SwitchInfo.parse(reply.data()).talkedTo(site.mgmt)));
        }
    }

    ActionResult ports() {
        try (ManagementClient client = site.open()) {
            return ActionResult.unchanged("port/print", Port.parse(client.send("port/print").data()).stream()
                    .map(Port::row).toList());
        }
    }

    /**
     * The switches under the socket base ({@code listall}) or this user's ({@code list}), each with its state: the
     * user's own are looked at with the one health definition ({@code healthy}, or {@code not healthy: ...}), others
     * by their process ({@code running}, {@code stopped}). A switch of another network namespace is not this one's
     * and is left out.
     */
    ActionResult list(boolean all) {
        String base = site.context.socketBase();
        String out = site.runner.run(Command.of("sh", "-c", LIST, "ctys-vde-list", base).asReadOnly()).stdout();
        List<Listed> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] fields = line.split("\\|");
            boolean own = fields[0].endsWith("." + site.user);
            if (fields.length < 5 || !all && !own || fields[4].equals("elsewhere")) {
                continue;
            }
            rows.add(new Listed(fields[0], fields[1], fields[2], fields[3],
                    own && fields[0].equals(site.sock) ? state() : fields[4]));
        }
        return ActionResult.unchanged(rows.size() + " switches", rows);
    }

    /**
     * A switch as {@code list} and {@code listall} report it.
     *
     * @param sock the data socket directory, which names the switch here
     * @param owner the owner of the socket directory
     * @param group its group
     * @param access its permissions
     * @param state {@code healthy} or {@code not healthy: ...} for the user's own, else {@code running} or
     *              {@code stopped}
     */
    public record Listed(@Column("switch") String sock, String owner, String group, String access, String state) {
    }

    private String state() {
        try {
            SwitchSite.Health health = site.health(site.record());
            return health.healthy() ? "healthy" : "not healthy: " + String.join("; ", health.problems());
        } catch (EnvironmentException refused) {
            return "refused: " + refused.getMessage();
        }
    }
}
