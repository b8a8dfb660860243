package org.ctys.core.cli;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.ctys.addressing.ActionSpec;
import org.ctys.api.UsageException;
import org.ctys.core.ExitCodes;
import org.ctys.core.Invocation;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code ctys} command: one action of one session type on the local host or on targets. */
final class CtysCommand implements Callable<Integer> {

    /** The options of {@code ctys} itself, before those every command shares. */
    private static final List<Option> OPTIONS = List.of(
            Option.value(String.class, "<TYPE>", "Session type, i.e. the plugin: VDE, QEMU, KVM, ...", "-t"),
            Option.value(String.class, "<ACTION>[=<subopts>]", "The action and its sub-options.", "-a"),
            Option.flag("Print every resolved target with its user, host, port, options after precedence and "
                    + "origin; run nothing.", "--expand"),
            Option.flag("With --expand: print the targets as an Ansible YAML inventory, a group per GROUP "
                    + "(included ones as children), ansible_host/port/user and the context options as "
                    + "ctys_context.", "--ansible-inventory"),
            Option.flag("Keep a target that groups or ranges name twice (default: the first occurrence wins).",
                    "--keep-duplicates"),
            Option.flag("Print per target the exact commands that would run; change nothing (read-only probes "
                    + "still look at the target).", "-n", "--dry-run"));

    /** The name of the subcommand {@code ctys plugins}. */
    static final String PLUGINS = "plugins";

    /** Every option a plain line of {@code ctys} may give. */
    static final List<Option> PLAIN = Option.join(OPTIONS, OutputOptions.OPTIONS, RunOptions.OPTIONS,
            CommonOptions.PLAIN);

    private final Invocation invocation;
    private CommandSpec spec;

    CtysCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    /**
     * @param args a command line of {@code ctys}
     * @return what it gives when it is plain and runs an action or expands targets; empty when picocli is to read
     *     it (help, usage, errors, {@code plugins})
     */
    static Optional<Given> plain(String... args) {
        Optional<Given> given = PlainLine.read(PLAIN, Set.of(PLUGINS), args);
        return given.isPresent() && (given.get().get("-a") != null || given.get().on("--expand")) ? given
                : Optional.empty();
    }

    /** @return picocli's model of this command, made on first use */
    CommandSpec spec() {
        if (spec == null) {
            spec = model();
        }
        return spec;
    }

    private CommandSpec model() {
        CommandSpec spec = Args.command(this, "ctys");
        spec.usageMessage()
                .header("build QEMU/KVM virtual networks and run the VMs on them, on one host or many")
                .customSynopsis(
                        "ctys [-t <TYPE>] [-a <ACTION>[=<subopts>]] [generic options] [--] ['(<global ctx>)'] "
                                + "<target>...",
                        "ctys --expand [-l <user>] [-X|--json|--ansible-inventory] [--keep-duplicates] [--] "
                                + "<target>...",
                        "ctys plugins [-t <TYPE>] [-X|--json] [<target>...]",
                        "ctys -H <topic> | -h | -V")
                .description(
                        "Builds QEMU/KVM virtual networks (VDE switches on TAP devices and Linux bridges) and runs "
                                + "the VMs on them, on the local host or on every target at once. Without targets "
                                + "the action runs on the local host, without ssh.",
                        "",
                        // picocli formats descriptions: %% prints one percent sign
                        "Sub-options: key[:value] separated by ',', where ',,' is a comma, '::' a colon, '%%%%' a "
                                + "percent sign and '%%' a space, e.g. -a create=l:vm1,cmd:uname%%-a (see -H "
                                + "subopts).")
                .sortOptions(false)
                .footer("", "More help: ctys -H topics.  Manual page: ctys -H man.");
        Args.exitCodes(spec, "0:all OK", "1:erroneous parameters: bad option, address, sub-option, session type or "
                + "action", "2:a missing environment element: plugin, tool, file, socket or privilege",
                "3:one or more targets failed while others may have succeeded");
        Args.add(spec, OPTIONS);
        OutputOptions.declare(spec);
        RunOptions.declare(spec);
        CommonOptions.declare(spec);
        spec.addPositional(Args.words("<target>", "[user@]host[:port][(<options>)], @group, group/path, host "
                + "ranges lab[01-20], MACRO:<name>; separated by spaces or commas; a leading '(<options>)' applies "
                + "to all. None means the local host. See -H targets."));
        return spec;
    }

    OutputOptions output() {
        return OutputOptions.of(Given.of(spec()));
    }

    CommonOptions common() {
        return CommonOptions.of(Given.of(spec()));
    }

    @Override
    public Integer call() {
        return run(Given.of(spec));
    }

    /** Runs what {@code given} asks for. */
    int run(Given given) {
        OutputOptions output = OutputOptions.of(given);
        Optional<Integer> answered = CommonOptions.of(given).answer(invocation, "ctys", output.terse());
        if (answered.isPresent()) {
            return answered.get();
        }
        RunOptions run = RunOptions.of(given);
        List<String> targets = given.words();
        String type = given.get("-t");
        String action = given.get("-a");
        boolean keepDuplicates = given.on("--keep-duplicates");
        if (given.on("--ansible-inventory")) {
            if (!given.on("--expand") || output.terse() || output.json()) {
                throw new UsageException("--ansible-inventory is an output of --expand, without -X or --json: "
                        + "ctys --expand --ansible-inventory <targets>");
            }
            // every membership counts: a host that two groups name is in both
            invocation.out().print(AnsibleInventory.of(Targets.resolve(invocation, targets, run.user(), true),
                    invocation.currentUser()));
            return ExitCodes.OK;
        }
        if (given.on("--expand")) {
            Targets.render(invocation, Targets.resolve(invocation, targets, run.user(), keepDuplicates),
                    output.format());
            return ExitCodes.OK;
        }
        if (action == null) {
            if (type == null && targets.isEmpty()) {
                // the whole model, with its subcommands: a plain line does not build it
                Cli.commandLine(invocation, "ctys").usage(invocation.err());
                return ExitCodes.USAGE;
            }
            throw new UsageException("no action given: add -a <ACTION>[=<subopts>], e.g. -a info");
        }
        ActionSpec actionSpec = ActionSpec.parse(action);
        if (type == null) {
            throw new UsageException("no session type given for -a " + action + ": add -t <TYPE>, e.g. -t VDE");
        }
        return ActionRun.run(invocation, "ctys", type, actionSpec, List.of(), given.on("-n"),
                Targets.of(Targets.resolve(invocation, targets, run.user(), keepDuplicates)), output.format(),
                run);
    }
}
