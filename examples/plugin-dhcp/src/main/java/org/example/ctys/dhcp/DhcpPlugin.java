package org.example.ctys.dhcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ctys.api.ActionRequest;
import org.ctys.api.ActionResult;
import org.ctys.api.EnvironmentException;
import org.ctys.api.TargetFailureException;
import org.ctys.api.exec.CommandResult;
import org.ctys.spi.ActionDescriptor;
import org.ctys.spi.PluginContext;
import org.ctys.spi.Prerequisite;
import org.ctys.spi.ValueKind;
import org.ctys.spi.support.AbstractCtysPlugin;
import org.ctys.spi.support.Scripts;

/**
 * Session type DHCP, an example of a plugin that manages a daemon: {@code create} starts dnsmasq as the DHCP server
 * of a VDE switch's bridge on each target (giving the bridge an address first), {@code cancel} stops it and takes
 * back what create made, {@code list} shows the servers and their leases. The shell it sends lives in resource
 * files beside this class ({@link Scripts}); every command goes through the runner ctys hands in, as root where
 * marked.
 */
public final class DhcpPlugin extends AbstractCtysPlugin {

    /** The directory, below the socket base, where root keeps the pid, address and lease files. */
    static final String DIRECTORY = "ctys-dhcp";

    /** Declares the session type, its actions, what it needs on a target, and its help. */
    public DhcpPlugin() {
        super(Set.of("DHCP"),
                // what the values must be is declared here, and ctys checks it once for all targets
                List.of(new ActionDescriptor("CREATE", "create[=b:<bridge>][,addr:<address/prefix>]"
                                + "[,range:<first>-<last>]", "a DHCP server on a switch's bridge")
                                .checking("b", ValueKind.INTERFACE).checking("addr", ValueKind.IPV4_PREFIX)
                                .checking("range", DhcpOptions.RANGE).once("b", "addr", "range"),
                        new ActionDescriptor("CANCEL", "cancel[=b:<bridge>]", "stop it, take back its address")
                                .checking("b", ValueKind.INTERFACE).once("b"),
                        new ActionDescriptor("LIST", "list", "the DHCP servers and their leases")),
                List.of(Prerequisite.program("dnsmasq", "dnsmasq-base", "serves DHCP"),
                        Prerequisite.program("ip", "iproute2", "gives the bridge its address")),
                """
                DHCP - a DHCP server (dnsmasq) on the bridge of a VDE switch; an example plugin

                  ctys -t DHCP -a create[=b:<bridge>][,addr:<address/prefix>][,range:<first>-<last>] [targets]
                  ctys -t DHCP -a cancel[=b:<bridge>] [targets]
                  ctys -t DHCP -a list [targets]

                Defaults: b:ctysbr0, addr:10.199.250.1/24, range:10.199.250.100-10.199.250.150. dnsmasq runs as
                root (give -Z SUDO where the login user is not root); its files are in $CTYS_SOCKBASE/ctys-dhcp.
                """);
    }

    @Override
    public ActionResult perform(ActionRequest request, PluginContext context) {
        return switch (request.action()) {
            case "CREATE" -> create(DhcpOptions.of(request.subOptions()), context);
            case "CANCEL" -> cancel(DhcpOptions.of(request.subOptions()), context);
            case "LIST" -> list(context);
            default -> throw notAvailableYet(request);
        };
    }

    private static String directory(PluginContext context) {
        return context.socketBase() + "/" + DIRECTORY;
    }

    private static ActionResult create(DhcpOptions options, PluginContext context) {
        CommandResult result = context.runner().run(Scripts.command(DhcpPlugin.class, "create.sh", directory(context), options.bridge(),
                options.address(), options.first(), options.last()).asRoot());
        String said = outcome(result, "create", options.bridge(), context);
        if (context.dryRun()) {
            return ActionResult.changed("would start a DHCP server on " + options.bridge(), List.of());
        }
        return said.equals("up") ? ActionResult.unchanged("DHCP server on " + options.bridge() + " is up", List.of())
                : ActionResult.changed("DHCP server on " + options.bridge() + " started", List.of());
    }

    private static ActionResult cancel(DhcpOptions options, PluginContext context) {
        CommandResult result = context.runner().run(Scripts.command(DhcpPlugin.class, "cancel.sh", directory(context), options.bridge())
                .asRoot());
        String said = outcome(result, "cancel", options.bridge(), context);
        if (context.dryRun()) {
            return ActionResult.changed("would stop the DHCP server on " + options.bridge(), List.of());
        }
        return said.equals("none") ? ActionResult.unchanged("no DHCP server of ours on " + options.bridge(),
                List.of()) : ActionResult.changed("DHCP server on " + options.bridge() + " stopped", List.of());
    }

    private static ActionResult list(PluginContext context) {
        CommandResult result = context.runner().run(Scripts.command(DhcpPlugin.class, "list.sh", directory(context)).asRoot().asReadOnly());
        outcome(result, "list", "", context);
        Map<String, Server> servers = new LinkedHashMap<>();
        for (String line : result.stdout().lines().toList()) {
            String[] f = line.split(" ");
            if (f[0].equals("server") && f.length == 4) {
                servers.put(f[1], new Server(f[1], Long.parseLong(f[2]), f[3], new ArrayList<>()));
            } else if (f[0].equals("lease") && f.length == 5 && servers.containsKey(f[1])) {
                servers.get(f[1]).leases().add(f[2] + " " + f[3] + " " + f[4]);
            }
        }
        return ActionResult.unchanged(servers.size() + " DHCP servers", List.copyOf(servers.values()));
    }

    /**
     * A DHCP server as {@code list} prints it.
     *
     * @param bridge the bridge it serves
     * @param pid its dnsmasq
     * @param state {@code running} or {@code stopped}
     * @param leases its leases, {@code <mac> <address> <name>} each
     */
    public record Server(String bridge, long pid, String state, List<String> leases) {
    }

    /** @return the script's one-word answer; a failure says what the script said on standard error */
    private static String outcome(CommandResult result, String action, String bridge, PluginContext context) {
        if (context.dryRun() || result.succeeded()) {
            String out = result.stdout().strip();
            return out.isEmpty() ? "" : out.lines().reduce((a, b) -> b).orElse("");
        }
        String why = result.stderr().strip();
        if (result.exitCode() == 3 || result.exitCode() == 4) {
            throw new EnvironmentException(why);
        }
        throw new TargetFailureException(TargetFailureException.Reason.EXIT, "DHCP " + action
                + (bridge.isEmpty() ? "" : " on " + bridge) + " failed on " + context.target() + ": "
                + (why.isEmpty() ? "exit " + result.exitCode() : why));
    }
}
