package org.ctys.core.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ctys.addressing.ActionSpec;
import org.ctys.api.UsageException;
import org.ctys.core.ExitCodes;
import org.ctys.core.Invocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code ctys} command: one action of one session type on the local host or on targets. */
@Command(separator = " ", name = "ctys",
        header = "build QEMU/KVM virtual networks and run the VMs on them, on one host or many",
        customSynopsis = {
            "ctys [-t <TYPE>] [-a <ACTION>[=<subopts>]] [generic options] [--] ['(<global ctx>)'] <target>...",
            "ctys --expand [-l <user>] [-X|--json] [--keep-duplicates] [--] <target>...",
            "ctys plugins [-t <TYPE>] [-X|--json] [<target>...]",
            "ctys -H <topic> | -h | -V"},
        description = {
            "Builds QEMU/KVM virtual networks (VDE switches on TAP devices and Linux bridges) and runs the VMs on "
                    + "them, on the local host or on every target at once. Without targets the action runs on the "
                    + "local host, without ssh.",
            "",
            // picocli formats descriptions: %% prints one percent sign
            "Sub-options: key[:value] separated by ',', where ',,' is a comma, '::' a colon, '%%%%' a percent "
                    + "sign and '%%' a space, e.g. -a create=l:vm1,cmd:uname%%-a (see -H subopts)."},
        sortOptions = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:all OK",
            "1:erroneous parameters: bad option, address, sub-option, session type or action",
            "2:a missing environment element: plugin, tool, file, socket or privilege",
            "3:one or more targets failed while others may have succeeded"},
        footer = {"", "More help: ctys -H topics.  Manual page: ctys -H man."})
final class CtysCommand implements Callable<Integer> {

    private final Invocation invocation;

    @Spec
    CommandSpec spec;

    @Option(names = "-t", paramLabel = "<TYPE>", description = "Session type, i.e. the plugin: VDE, QEMU, KVM, ...")
    String type;

    @Option(names = "-a", paramLabel = "<ACTION>[=<subopts>]", description = "The action and its sub-options.")
    String action;


    @Option(names = "--expand", description = "Print every resolved target with its user, host, port, options "
            + "after precedence and origin; run nothing.")
    boolean expand;

    @Option(names = "--keep-duplicates", description = "Keep a target that groups or ranges name twice (default: "
            + "the first occurrence wins).")
    boolean keepDuplicates;

    @Option(names = {"-n", "--dry-run"}, description = "Print per target the exact commands that would run; "
            + "change nothing (read-only probes still look at the target).")
    boolean dryRun;

    @Mixin
    OutputOptions output;

    @Mixin
    RunOptions run;




    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "<target>", arity = "0..*", description = "[user@]host[:port][(<options>)], "
            + "@group, group/path, host ranges lab[01-20], MACRO:<name>; separated by spaces or commas; a leading "
            + "'(<options>)' applies to all. None means the local host. See -H targets.")
    List<String> targets = new ArrayList<>();

    CtysCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        Optional<Integer> answered = common.answer(invocation, "ctys", output.terse);
        if (answered.isPresent()) {
            return answered.get();
        }
        if (expand) {
            Targets.render(invocation, Targets.resolve(invocation, targets, run.user, keepDuplicates),
                    output.format(null));
            return ExitCodes.OK;
        }
        if (action == null) {
            if (type == null && targets.isEmpty()) {
                spec.commandLine().usage(invocation.err());
                return ExitCodes.USAGE;
            }
            throw new UsageException("no action given: add -a <ACTION>[=<subopts>], e.g. -a info");
        }
        ActionSpec actionSpec = ActionSpec.parse(action);
        if (type == null) {
            throw new UsageException("no session type given for -a " + action + ": add -t <TYPE>, e.g. -t VDE");
        }
        return ActionRun.run(invocation, "ctys", type, actionSpec, dryRun,
                Targets.of(Targets.resolve(invocation, targets, run.user, keepDuplicates)), output.format(null), run);
    }
}
