package org.ctys.core.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.ctys.addressing.ActionSpec;
import org.ctys.api.SubOption;
import org.ctys.api.SubOptions;
import org.ctys.api.Target;
import org.ctys.api.UsageException;
import org.ctys.core.Invocation;
import org.ctys.core.output.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ctys-setupVDE}: the original tool's command line, the same implementation as {@code ctys -t VDE}. Each
 * option becomes a sub-option of the VDE action as a structured value, never re-encoded text (spec W-7).
 */
@Command(separator = " ", name = "ctys-setupVDE",
        header = "create and manage VDE switches on TAP devices and bridges, on one host or many",
        customSynopsis = {"ctys-setupVDE [-b <bridge>] [-i <iface>] [-u <user>[.<group>]] [-g <group>] [-s <sock>] "
                + "[-S <mgmt>] [-f] [-n] [-X] [--json] [--dry-run] [-r <hosts>] [-l <user>] [-d <level>] "
                + "(create|cancel|check|list|listall|ports|info)",
            "ctys-setupVDE -h | -H <topic> | -V"},
        description = {"Creates and manages the network devices QEMU and KVM guests plug into: a vde_switch on a "
                + "TAP device in a Linux bridge, on the local host or on every host of -r at once. The same as "
                + "'ctys -t VDE -a <action>'."},
        sortOptions = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all OK", "1:erroneous parameters", "2:a missing environment element",
            "3:one or more hosts failed while others may have succeeded"},
        footer = {"", "More help: ctys-setupVDE -H VDE, ctys -H topics."})
final class SetupVdeCommand implements Callable<Integer> {

    private static final Set<String> ACTIONS = Set.of("create", "cancel", "check", "list", "listall", "ports",
            "info");

    private final Invocation invocation;

    @Option(names = "-b", paramLabel = "<bridge>", description = "The bridge the TAP joins; created if missing.")
    String bridge;

    @Option(names = "-i", paramLabel = "<iface>", description = "An interface to enslave to a new bridge; its "
            + "addresses and routes move to the bridge. Only when given explicitly.")
    String iface;

    @Option(names = "-u", paramLabel = "<user>[.<group>]", description = "Owner of the TAP and the sockets; "
            + "default: you.")
    String user;

    @Option(names = "-g", paramLabel = "<group>", description = "Group with set-gid access to the sockets.")
    String group;

    @Option(names = "-s", paramLabel = "<sock>", description = "The switch's data socket (QEMUSOCK).")
    String sock;

    @Option(names = "-S", paramLabel = "<mgmt>", description = "The switch's management socket (QEMUMGMT).")
    String mgmt;

    @Option(names = "-f", description = "Force: cancel even with attached VMs, kill an unresponsive switch.")
    boolean force;

    @Option(names = "-n", description = "No table header.")
    boolean noHeader;

    @Option(names = "--dry-run", description = "Print per host the exact commands that would run; change nothing.")
    boolean dryRun;

    @Mixin
    OutputOptions output;

    @Mixin
    RunOptions run;

    @Option(names = "-r", paramLabel = "<hosts>", description = "Remote targets, as ctys takes them: hosts, "
            + "@groups, ranges, MACRO:<name>, separated by commas or spaces; may repeat.")
    List<String> remoteHosts = new ArrayList<>();





    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "<action>", arity = "0..*", description = "One of: create, cancel, check, list, "
            + "listall, ports, info.")
    List<String> actions = new ArrayList<>();

    SetupVdeCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        Optional<Integer> answered = common.answer(invocation, "ctys-setupVDE", output.terse);
        if (answered.isPresent()) {
            return answered.get();
        }
        if (actions.size() != 1 || !ACTIONS.contains(actions.get(0).toLowerCase(Locale.ROOT))) {
            throw new UsageException("expected exactly one action of create, cancel, check, list, listall, ports, "
                    + "info, not '" + String.join(" ", actions) + "'");
        }
        ActionSpec action = new ActionSpec(actions.get(0).toUpperCase(Locale.ROOT), subOptions());
        OutputFormat format = output.format(null);
        if (noHeader && format == OutputFormat.TABLE) {
            format = OutputFormat.PLAIN;
        }
        return ActionRun.run(invocation, "ctys-setupVDE", "VDE", action, dryRun, targets(), format, run);
    }

    private SubOptions subOptions() {
        List<SubOption> items = new ArrayList<>();
        add(items, "b", bridge);
        add(items, "i", iface);
        add(items, "u", user);
        add(items, "g", group);
        add(items, "sock", sock);
        add(items, "mgmt", mgmt);
        if (force) {
            items.add(new SubOption("f", null));
        }
        return new SubOptions(items);
    }

    private static void add(List<SubOption> items, String key, String value) {
        if (value != null) {
            items.add(new SubOption(key, value));
        }
    }

    private List<Target> targets() {
        return Targets.of(Targets.resolve(invocation, remoteHosts, run.user, false));
    }
}
