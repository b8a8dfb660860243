package org.ctys.core.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.ctys.api.ActionResult;
import org.ctys.api.Target;
import org.ctys.core.ExitCodes;
import org.ctys.core.Invocation;
import org.ctys.core.dispatch.HostOutcome;
import org.ctys.core.dispatch.RunSummary;
import org.ctys.core.exec.Connections;
import org.ctys.core.output.OutputFormat;
import org.ctys.core.plugin.LoadedPlugin;
import org.ctys.core.prereq.PrerequisiteProbe.Finding;
import org.ctys.core.prereq.PrerequisiteProbe;
import org.ctys.spi.ActionDescriptor;
import org.ctys.spi.CtysPlugin;
import org.ctys.spi.Prerequisite;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ctys plugins}: the loaded plugins and, given targets, whether each plugin's prerequisites are met on each
 * target (the original's ctys-plugins).
 */
final class PluginsCommand implements Callable<Integer> {

    private final Invocation invocation;
    private final CtysCommand parent;
    private final CommandSpec spec;

    PluginsCommand(Invocation invocation, CtysCommand parent) {
        this.invocation = invocation;
        this.parent = parent;
        spec = spec(this, "plugins", "list the plugins, or check their prerequisites on targets",
                "Without targets: list the plugins (id, version, session types, actions, state, "
                + "jar). With targets: check every plugin's prerequisites on every target and name the package that "
                + "provides what is missing.", "0:all OK", "1:erroneous parameters",
                "2:a prerequisite is missing on a target", "3:a target could not be checked");
    }

    /** @return the spec of {@code plugins} or of a subcommand of it: which plugins, output, how to reach targets */
    static CommandSpec spec(Object command, String name, String header, String description, String... exitCodes) {
        CommandSpec spec = Args.command(command, name);
        spec.usageMessage().header(header).description(description);
        Args.exitCodes(spec, exitCodes);
        PluginSelection.declare(spec);
        OutputOptions.declare(spec);
        RunOptions.declare(spec);
        return spec;
    }

    CommandSpec spec() {
        return spec;
    }

    CtysCommand parent() {
        return parent;
    }

    /** @return the output options given to {@code plugins} and before it */
    OutputOptions output() {
        return OutputOptions.of(Given.of(spec)).and(parent.output());
    }

    @Override
    public Integer call() {
        Logging.configure(invocation, parent.common().debug());
        OutputFormat format = output().format();
        Given given = Given.of(spec);
        PluginSelection selection = PluginSelection.of(given);
        RunOptions run = RunOptions.of(given);
        List<LoadedPlugin> plugins = selection.plugins(invocation);
        if (selection.targets().isEmpty() && run.user() == null) {
            format.render(plugins.stream().map(PluginsCommand::describe).toList(), invocation.out());
            return ExitCodes.OK;
        }
        return check(invocation, run, plugins.stream().filter(LoadedPlugin::usable).toList(),
                Targets.of(Targets.resolve(invocation, selection.targets(), run.user(), false)), format);
    }

    /** Checks every prerequisite of {@code plugins} on every host; renders the findings; returns the exit code. */
    static int check(Invocation invocation, RunOptions run, List<LoadedPlugin> plugins, List<Target> hosts,
                     OutputFormat format) {
        return check(invocation, run, plugins, hosts, format, false, Map.of());
    }

    /**
     * @param doctor whether the records have the doctor's shape (plugin, check, status, detail, fix) rather than
     *     the plugin list's (plugin, kind, name, status, detail)
     * @param head what a JSON document holds before the targets
     */
    static int check(Invocation invocation, RunOptions run, List<LoadedPlugin> plugins, List<Target> hosts,
                     OutputFormat format, boolean doctor, Map<String, Object> head) {
        Map<Prerequisite, String> owners = new LinkedHashMap<>();
        for (LoadedPlugin plugin : plugins) {
            for (CtysPlugin extension : plugin.extensions()) {
                extension.prerequisites().forEach(p -> owners.merge(p, plugin.id(), (a, b) -> a + "," + b));
            }
        }
        List<Prerequisite> prerequisites = List.copyOf(owners.keySet());
        RunSummary summary;
        try (Connections connections = invocation.connections(run.sshConfig(), true)) {
            ActionScope scope = new ActionScope(invocation, connections, null, false, run.limits(invocation),
                    run.escalation(), "core");
            summary = ActionRun.fanOut(scope, "ctys", hosts, (target, runner) -> findings(owners,
                    PrerequisiteProbe.parse(prerequisites, runner.run(PrerequisiteProbe.command(prerequisites))),
                    doctor), format, head);
        }
        if (summary.exitCode() != ExitCodes.OK) {
            return ExitCodes.TARGETS_FAILED;
        }
        boolean missing = summary.outcomes().stream().map(HostOutcome::result)
                .flatMap(r -> r.records(Checked.class).stream()).anyMatch(r -> !"ok".equals(r.status()));
        return missing ? ExitCodes.ENVIRONMENT : ExitCodes.OK;
    }

    private static ActionResult findings(Map<Prerequisite, String> owners, List<Finding> findings, boolean doctor) {
        List<Record> rows = new ArrayList<>();
        for (Finding finding : findings) {
            Prerequisite p = finding.prerequisite();
            String kind = p.kind().name().toLowerCase(Locale.ROOT);
            String fix = switch (finding.status()) {
                case OK -> "";
                case MISSING -> "install: " + p.providedBy() + " (" + p.purpose() + ")";
                case DENIED -> "no read-write access for the login user: " + p.providedBy();
            };
            String status = finding.status().name().toLowerCase(Locale.ROOT);
            rows.add(doctor ? new Diagnosis(owners.get(p), kind + " " + p.name(), status,
                    finding.status() == PrerequisiteProbe.Status.OK ? finding.where() : "", fix)
                    : new Found(owners.get(p), kind, p.name(), status, fix.isEmpty() ? finding.where() : fix));
        }
        long bad = findings.stream().filter(f -> f.status() != PrerequisiteProbe.Status.OK).count();
        return ActionResult.unchanged(bad == 0 ? "all prerequisites met" : bad + " prerequisites not met", rows);
    }

    /** A prerequisite as {@code plugins} or {@code plugins doctor} reports it on a host. */
    sealed interface Checked {
        /** @return {@code ok}, {@code missing} or {@code denied} */
        String status();
    }

    /**
     * A prerequisite as {@code plugins <targets>} reports it.
     *
     * @param plugin the plugin that needs it
     * @param kind {@code command}, {@code file} or {@code device}
     * @param name its name
     * @param status {@code ok}, {@code missing} or {@code denied}
     * @param detail where it was found, or how to get it
     */
    public record Found(String plugin, String kind, String name, String status, String detail) implements Checked {
    }

    /**
     * A prerequisite as {@code plugins doctor} reports it.
     *
     * @param plugin the plugin that needs it
     * @param check its kind and name
     * @param status {@code ok}, {@code missing} or {@code denied}
     * @param detail where it was found
     * @param fix how to get it, or empty
     */
    public record Diagnosis(String plugin, String check, String status, String detail, String fix) implements Checked {
    }

    private static Map<String, Object> describe(LoadedPlugin plugin) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", plugin.id());
        row.put("version", plugin.version());
        row.put("types", plugin.sessionTypes());
        row.put("actions", plugin.extensions().stream().flatMap(e -> e.actions().stream())
                .map(ActionDescriptor::name).map(a -> a.toLowerCase(Locale.ROOT)).distinct()
                .collect(Collectors.toList()));
        row.put("state", plugin.state());
        row.put("location", plugin.location().toString());
        row.put("problem", plugin.problem());
        return row;
    }
}
