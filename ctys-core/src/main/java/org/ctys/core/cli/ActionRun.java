package org.ctys.core.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.ctys.addressing.ActionSpec;
import org.ctys.api.ActionRequest;
import org.ctys.api.ActionResult;
import org.ctys.api.Columns;
import org.ctys.api.EnvironmentException;
import org.ctys.api.SubOption;
import org.ctys.api.SubOptions;
import org.ctys.api.Target;
import org.ctys.api.TargetFailureException;
import org.ctys.api.UsageException;
import org.ctys.core.Invocation;
import org.ctys.core.dispatch.FanOut;
import org.ctys.core.dispatch.HostOutcome;
import org.ctys.core.dispatch.HostTask;
import org.ctys.core.dispatch.RunSummary;
import org.ctys.core.exec.Connections;
import org.ctys.core.exec.PlannedCommand;
import org.ctys.core.exec.RemoteShell;
import org.ctys.core.output.OutputFormat;
import org.ctys.core.plugin.PluginRegistry.Binding;
import org.ctys.core.plugin.PluginRegistry;
import org.ctys.core.session.CliSession;
import org.ctys.spi.ActionDescriptor;

/** One plugin action carried to its targets and rendered: shared by {@code ctys -t -a} and ctys-setupVDE. */
final class ActionRun {

    private ActionRun() {
    }

    /**
     * @param optionWords a face's own options that stand for sub-options (ctys-setupVDE's {@code -b br7}), as words
     */
    static int run(Invocation invocation, String command, String type, ActionSpec spec, List<String> optionWords,
                   boolean dryRun, List<Target> targets, OutputFormat format, RunOptions options) {
        FanOut.Limits limits = options.limits(invocation);
        PluginRegistry needed = invocation.loadPluginsFor(type);
        // not found among the jars that declare it: load them all, to find it or to say truly what is there
        PluginRegistry registry = needed.forType(Cli.upper(type)).isPresent() ? needed : invocation.loadPlugins();
        // refused plugin code is a security matter: say so on every run, not only in 'ctys plugins'
        registry.problems().forEach(p -> invocation.err().println(command + ": warning: " + p.problem()));
        Binding binding = resolve(registry, type);
        ActionDescriptor descriptor = binding.extension().actions().stream()
                .filter(a -> a.name().equals(spec.action()))
                .findFirst()
                .orElseThrow(() -> new UsageException("unknown action '" + spec.action() + "' for session type "
                        + Cli.upper(type) + "; expected one of: " + binding.extension().actions().stream()
                        .map(a -> a.name().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(", "))));
        Map<String, String> optionKeys = binding.extension().optionKeys();
        List<SubOption> given = new ArrayList<>(OptionSubOptions.of(optionWords, true, optionKeys, type, descriptor));
        given.addAll(spec.subOptions().items());
        SubOptionCheck.check(type, descriptor, new SubOptions(given));
        // core's own session type runs one command on each target: its connections need no shared master
        boolean multiplex = !(binding.extension() instanceof CliSession);
        try (Connections connections = invocation.connections(options.sshConfig(), multiplex)) {
            ActionScope scope = new ActionScope(invocation, connections, registry, dryRun, limits,
                    options.escalation(), binding.plugin().id());
            HostTask task = (target, runner) -> {
                // a target's own context options that stand for sub-options come first: they win
                List<SubOption> own = new ArrayList<>(OptionSubOptions.of(target.options(), false, optionKeys,
                        type, descriptor));
                own.addAll(given);
                return binding.extension().perform(new ActionRequest(type, descriptor.name(), new SubOptions(own),
                        dryRun), ActionContext.of(target, runner, scope, target));
            };
            return fanOut(scope, command, targets, task, format, Map.of()).exitCode();
        }
    }

    /**
     * Runs {@code task} on every target, shows progress, renders every outcome, and returns the summary.
     *
     * @param head fields a JSON document holds before the run's own, so that a command that reports more than the
     *     run prints one document
     */
    static RunSummary fanOut(ActionScope scope, String command, List<Target> targets, HostTask task,
                             OutputFormat format, Map<String, Object> head) {
        Invocation invocation = scope.invocation();
        boolean dryRun = scope.dryRun();
        Map<Target, List<PlannedCommand>> planned = scope.planned();
        FanOut fanOut = new FanOut(scope.runners(null), scope.limits(), scope.owner());
        invocation.cancellation().onCancel(fanOut::cancel);
        Progress progress = new Progress(invocation, command, targets.size());
        RunSummary summary = fanOut.run(targets, task, progress);
        progress.finish();
        if (format == OutputFormat.JSON) {
            renderJson(invocation, summary, dryRun ? planned : null, head);
        } else if (dryRun) {
            renderPlan(invocation, command, summary, planned, format);
        } else {
            render(invocation, command, summary, format);
        }
        return summary;
    }

    static Binding resolve(PluginRegistry registry, String type) {
        String wanted = Cli.upper(type);
        return registry.forType(wanted).orElseThrow(() -> {
            Set<String> installed = new TreeSet<>(registry.sessionTypes().keySet());
            String problems = registry.problems().isEmpty() ? "" : "; refused: " + registry.problems().stream()
                    .map(p -> p.location() + " (" + p.problem() + ")").collect(Collectors.joining("; "));
            // a plugin that did not load may be the one that serves it: a missing environment element, not a typo
            if (!registry.problems().isEmpty()) {
                return new EnvironmentException("no usable plugin for session type " + wanted + " (looked in "
                        + registry.directories() + ")" + problems);
            }
            return new UsageException("unknown session type '" + type + "'; installed: "
                    + (installed.isEmpty() ? "none" : String.join(", ", installed)));
        });
    }

    /**
     * Results on standard output (records of every target, with its host first), failures as one line each on
     * standard error; with JSON one document holding every target's outcome.
     */
    static void render(Invocation invocation, String command, RunSummary summary, OutputFormat format) {
        if (format == OutputFormat.JSON) {
            renderJson(invocation, summary, null, Map.of());
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (HostOutcome outcome : summary.outcomes()) {
            ActionResult result = reportProblems(invocation, command, outcome);
            if (result == null) {
                continue;
            }
            if (result.document() != null) {
                // the output itself (a graph, say): as it is, for the program that reads it
                invocation.out().print(result.document());
                continue;
            }
            if (result.records().isEmpty() && format == OutputFormat.TERSE) {
                // scripts read records only: a target's status goes where its failures go
                if (outcome.succeeded()) {
                    invocation.err().println(command + ": " + outcome.target().address() + ": " + outcome.status()
                            + ": " + Cli.oneLine(result.message()));
                }
            } else if (result.records().isEmpty()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("host", outcome.target().address());
                row.put("status", outcome.status());
                row.put("message", result.message());
                rows.add(row);
            }
            for (Record record : result.records()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("host", outcome.target().address());
                row.putAll(Columns.of(record));
                rows.add(row);
            }
        }
        format.render(rows, invocation.out());
        int[] counts = summary.counts();
        if (summary.outcomes().size() > 1 && counts[2] > 0) {
            invocation.err().println(command + ": " + summary.outcomes().size() + " targets: " + counts[0] + " ok, "
                    + counts[1] + " changed, " + counts[2] + " failed");
        }
    }

    /**
     * Prints a target's failure and warnings on standard error, one line each.
     *
     * @return what the target has to show: its result, a failure's partial result, or {@code null}
     */
    private static ActionResult reportProblems(Invocation invocation, String command, HostOutcome outcome) {
        ActionResult result = outcome.succeeded() ? outcome.result() : partial(outcome);
        if (!outcome.succeeded()) {
            invocation.err().println(command + ": " + outcome.target().address() + ": " + outcome.failure() + ": "
                    + Cli.oneLine(outcome.error().getMessage()));
        }
        if (result != null) {
            result.warnings().forEach(w -> invocation.err().println(command + ": " + outcome.target().address()
                    + ": warning: " + Cli.oneLine(w)));
        }
        return result;
    }

    private static ActionResult partial(HostOutcome outcome) {
        return outcome.error() instanceof TargetFailureException failure ? failure.partial() : null;
    }

    /** One document: the counts, and per target its outcome, records and warnings (and plan, in a dry run). */
    private static void renderJson(Invocation invocation, RunSummary summary,
                                   Map<Target, List<PlannedCommand>> planned, Map<String, Object> head) {
        List<Map<String, Object>> targets = new ArrayList<>();
        for (HostOutcome outcome : summary.outcomes()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("target", outcome.target().address());
            entry.put("user", outcome.target().user());
            entry.put("host", outcome.target().host());
            entry.put("port", outcome.target().port());
            entry.put("status", outcome.status());
            entry.put("failure", outcome.failure());
            ActionResult result = outcome.succeeded() ? outcome.result() : partial(outcome);
            entry.put("message", outcome.succeeded() ? outcome.result().message() : outcome.error().getMessage());
            entry.put("durationMs", outcome.duration().toMillis());
            entry.put("records", result == null ? List.of() : result.records().stream().map(Columns::of).toList());
            entry.put("warnings", result == null ? List.of() : result.warnings());
            entry.put("document", result == null ? null : result.document());
            if (planned != null) {
                entry.put("plan", planned.getOrDefault(outcome.target(), List.of()).stream().map(c -> {
                    Map<String, Object> step = new LinkedHashMap<>();
                    step.put("command", c.line());
                    step.put("input", c.input());
                    return step;
                }).toList());
            }
            targets.add(entry);
        }
        int[] counts = summary.counts();
        Map<String, Object> document = new LinkedHashMap<>(head);
        document.put("dryRun", planned != null);
        document.put("exitCode", summary.exitCode());
        document.put("ok", counts[0]);
        document.put("changed", counts[1]);
        document.put("failed", counts[2]);
        document.put("targets", targets);
        invocation.out().println(OutputFormat.json(document));
    }

    /**
     * {@code --dry-run}: every target's exact command lines, in order, as a script would run them (a command's input
     * as a here-document), then the outcome the plugin decided as a comment; errors as in a real run.
     */
    private static void renderPlan(Invocation invocation, String command, RunSummary summary,
                                   Map<Target, List<PlannedCommand>> planned, OutputFormat format) {
        if (format == OutputFormat.JSON) {
            renderJson(invocation, summary, planned, Map.of());
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (HostOutcome outcome : summary.outcomes()) {
            ActionResult result = reportProblems(invocation, command, outcome);
            List<String> lines = new ArrayList<>();
            for (PlannedCommand step : planned.getOrDefault(outcome.target(), List.of())) {
                String line = RemoteShell.quote(step.line());
                if (step.input() == null) {
                    lines.add(line);
                    continue;
                }
                String end = "CTYS_INPUT";
                while (step.input().lines().anyMatch(end::equals)) {
                    end = end + "_";
                }
                lines.add(line + " <<'" + end + "'");
                step.input().lines().forEach(lines::add);
                lines.add(end);
            }
            if (outcome.succeeded()) {
                lines.add("# " + outcome.status() + ": " + Cli.oneLine(result.message()));
                // the records the real run would print, as the plugin planned them (JSON has them as 'records')
                for (Record record : result.records()) {
                    lines.add("# record: " + Columns.of(record).entrySet().stream()
                            .map(e -> e.getKey() + "=" + Cli.oneLine(String.valueOf(e.getValue())))
                            .collect(Collectors.joining(" ")));
                }
            }
            for (String line : lines) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("host", outcome.target().address());
                row.put("command", line);
                rows.add(row);
            }
        }
        format.render(rows, invocation.out());
    }
}
