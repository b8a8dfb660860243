package org.ctys.core.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.ctys.addressing.ActionSpec;
import org.ctys.api.SubOptions;
import org.ctys.api.Target;
import org.ctys.api.UsageException;
import org.ctys.core.Invocation;
import org.ctys.core.output.OutputFormat;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ctys-setupVDE}: the original tool's command line, the same implementation as {@code ctys -t VDE}. Its
 * switch options go to core as they were given, as a target's context options do: the VDE plugin says which
 * sub-option each stands for, and errors name the option.
 */
final class SetupVdeCommand implements Callable<Integer> {

    /** Its options that are the switch's, as a target's context options are. */
    private static final List<String> SWITCH_OPTIONS = List.of("-b", "-i", "-u", "-g", "-s", "-S", "-f");

    private static final Set<String> ACTIONS = Set.of("create", "cancel", "check", "list", "listall", "ports",
            "info");

    /** Its own options, before those every command shares. */
    private static final List<Option> OPTIONS = List.of(
            Option.value(String.class, "<bridge>", "The bridge the TAP joins; created if missing.", "-b"),
            Option.value(String.class, "<iface>", "An interface to enslave to a new bridge; its addresses and routes "
                    + "move to the bridge. Only when given explicitly.", "-i"),
            Option.value(String.class, "<user>[.<group>]", "Owner of the TAP and the sockets; default: you.", "-u"),
            Option.value(String.class, "<group>", "Group with set-gid access to the sockets.", "-g"),
            Option.value(String.class, "<sock>", "The switch's data socket (QEMUSOCK).", "-s"),
            Option.value(String.class, "<mgmt>", "The switch's management socket (QEMUMGMT).", "-S"),
            Option.flag("Force: cancel even with attached VMs, kill an unresponsive switch.", "-f"),
            Option.flag("No table header.", "-n"),
            Option.flag("Print per host the exact commands that would run; change nothing.", "--dry-run"));

    private static final Option REMOTE = Option.value(List.class, "<hosts>", "Remote targets, as ctys takes them: "
            + "hosts, @groups, ranges, MACRO:<name>, separated by commas or spaces; may repeat.", "-r");

    /** Every option a plain line of {@code ctys-setupVDE} may give. */
    static final List<Option> PLAIN = Option.join(OPTIONS, OutputOptions.OPTIONS, RunOptions.OPTIONS,
            List.of(REMOTE), CommonOptions.PLAIN);

    private final Invocation invocation;
    private CommandSpec spec;

    SetupVdeCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    /** @return what a command line gives when it is plain; empty when picocli is to read it (help, errors) */
    static Optional<Given> plain(String... args) {
        return PlainLine.read(PLAIN, Set.of(), args);
    }

    /** @return picocli's model of this command, made on first use */
    CommandSpec spec() {
        if (spec == null) {
            spec = model();
        }
        return spec;
    }

    private CommandSpec model() {
        CommandSpec spec = Args.command(this, "ctys-setupVDE");
        spec.usageMessage()
                .header("create and manage VDE switches on TAP devices and bridges, on one host or many")
                .customSynopsis("ctys-setupVDE [-b <bridge>] [-i <iface>] [-u <user>[.<group>]] [-g <group>] "
                                + "[-s <sock>] [-S <mgmt>] [-f] [-n] [-X] [--json] [--dry-run] [-r <hosts>] "
                                + "[-l <user>] [-d <level>] (create|cancel|check|list|listall|ports|info)",
                        "ctys-setupVDE -h | -H <topic> | -V")
                .description("Creates and manages the network devices QEMU and KVM guests plug into: a vde_switch "
                        + "on a TAP device in a Linux bridge, on the local host or on every host of -r at once. The "
                        + "same as 'ctys -t VDE -a <action>'.")
                .sortOptions(false)
                .footer("", "More help: ctys-setupVDE -H VDE, ctys -H topics.");
        Args.exitCodes(spec, "0:all OK", "1:erroneous parameters", "2:a missing environment element",
                "3:one or more hosts failed while others may have succeeded");
        Args.add(spec, OPTIONS);
        OutputOptions.declare(spec);
        RunOptions.declare(spec);
        spec.addOption(Args.spec(REMOTE));
        CommonOptions.declare(spec);
        spec.addPositional(Args.words("<action>", "One of: create, cancel, check, list, listall, ports, info."));
        return spec;
    }

    @Override
    public Integer call() {
        return run(Given.of(spec));
    }

    /** Runs what {@code given} asks for. */
    int run(Given given) {
        OutputOptions output = OutputOptions.of(given);
        Optional<Integer> answered = CommonOptions.of(given).answer(invocation, "ctys-setupVDE", output.terse());
        if (answered.isPresent()) {
            return answered.get();
        }
        List<String> actions = given.words();
        if (actions.size() != 1 || !ACTIONS.contains(actions.get(0).toLowerCase(Locale.ROOT))) {
            throw new UsageException("expected exactly one action of create, cancel, check, list, listall, ports, "
                    + "info, not '" + String.join(" ", actions) + "'");
        }
        ActionSpec action = new ActionSpec(actions.get(0).toUpperCase(Locale.ROOT), SubOptions.NONE);
        OutputFormat format = output.format();
        if (given.on("-n") && format == OutputFormat.TABLE) {
            format = OutputFormat.PLAIN;
        }
        RunOptions run = RunOptions.of(given);
        return ActionRun.run(invocation, "ctys-setupVDE", "VDE", action, switchOptions(given), given.on("--dry-run"),
                targets(given, run), format, run);
    }

    /** @return the switch options given, as words: the VDE plugin says which sub-option each stands for */
    private static List<String> switchOptions(Given given) {
        List<String> words = new ArrayList<>();
        for (String option : SWITCH_OPTIONS) {
            Object value = given.get(option);
            if (Boolean.TRUE.equals(value)) {
                words.add(option);
            } else if (value != null && !Boolean.FALSE.equals(value)) {
                words.add(option);
                words.add(value.toString());
            }
        }
        return words;
    }

    private List<Target> targets(Given given, RunOptions run) {
        List<String> remoteHosts = given.get("-r");
        return Targets.of(Targets.resolve(invocation, remoteHosts == null ? List.of() : remoteHosts, run.user(),
                false));
    }
}
