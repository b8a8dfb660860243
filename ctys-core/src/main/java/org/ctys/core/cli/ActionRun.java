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
import org.ctys.api.EnvironmentException;
import org.ctys.api.Target;
import org.ctys.api.UsageException;
import org.ctys.core.Invocation;
import org.ctys.core.dispatch.FanOut;
import org.ctys.core.dispatch.HostOutcome;
import org.ctys.core.dispatch.RunSummary;
import org.ctys.core.output.OutputFormat;
import org.ctys.core.plugin.PluginRegistry;
import org.ctys.core.plugin.PluginRegistry.Binding;
import org.ctys.spi.ActionDescriptor;
import org.ctys.spi.PluginContext;

/** One plugin action carried to its targets and rendered: shared by {@code ctys -t -a} and ctys-setupVDE. */
final class ActionRun {

    /** Session types ctys ships plugins for: asking for one whose plugin is missing is exit 2, not exit 1. */
    static final Set<String> BUILT_IN_TYPES = Set.of("VDE", "QEMU", "KVM");

    private record Context(Target target, org.ctys.api.exec.CommandRunner runner) implements PluginContext {
    }

    private ActionRun() {
    }

    static int run(Invocation invocation, String command, String type, ActionSpec spec, boolean dryRun,
                   List<Target> targets, OutputFormat format) {
        PluginRegistry registry = invocation.loadPlugins();
        // refused plugin code is a security matter: say so on every run, not only in 'ctys plugins'
        registry.problems().forEach(p -> invocation.err().println(command + ": warning: " + p.problem()));
        Binding binding = resolve(registry, type);
        ActionDescriptor descriptor = binding.extension().actions().stream()
                .filter(a -> a.name().equals(spec.action()))
                .findFirst()
                .orElseThrow(() -> new UsageException("unknown action '" + spec.action() + "' for session type "
                        + Cli.upper(type) + "; expected one of: " + binding.extension().actions().stream()
                        .map(a -> a.name().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(", "))));
        ActionRequest request = new ActionRequest(type, descriptor.name(), spec.subOptions(), dryRun);
        RunSummary summary = new FanOut(invocation::runnerFor, invocation.settings().fanOut(), binding.plugin().id())
                .run(targets, (target, runner) -> binding.extension().perform(request, new Context(target, runner)));
        render(invocation, command, summary, format);
        return summary.exitCode();
    }

    static Binding resolve(PluginRegistry registry, String type) {
        String wanted = Cli.upper(type);
        return registry.forType(wanted).orElseThrow(() -> {
            Set<String> installed = new TreeSet<>(registry.sessionTypes().keySet());
            String problems = registry.problems().isEmpty() ? "" : "; refused: " + registry.problems().stream()
                    .map(p -> p.location() + " (" + p.problem() + ")").collect(Collectors.joining("; "));
            if (BUILT_IN_TYPES.contains(wanted)) {
                return new EnvironmentException("no plugin for session type " + wanted + " is installed (looked in "
                        + registry.directories() + ")" + problems);
            }
            return new UsageException("unknown session type '" + type + "'; installed: "
                    + (installed.isEmpty() ? "none" : String.join(", ", installed)) + problems);
        });
    }

    static void render(Invocation invocation, String command, RunSummary summary, OutputFormat format) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (HostOutcome outcome : summary.outcomes()) {
            if (!outcome.succeeded()) {
                invocation.err().println(command + ": " + outcome.target() + ": " + Cli.oneLine(outcome.error().getMessage()));
                if (format == OutputFormat.JSON) {
                    rows.add(row(outcome, "failed", outcome.error().getMessage()));
                }
            } else if (outcome.result().records().isEmpty()) {
                rows.add(row(outcome, "ok", outcome.result().message()));
            } else {
                for (Map<String, Object> record : outcome.result().records()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("host", outcome.target().toString());
                    row.putAll(record);
                    rows.add(row);
                }
            }
        }
        format.render(rows, invocation.out());
    }

    private static Map<String, Object> row(HostOutcome outcome, String status, String message) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("host", outcome.target().toString());
        row.put("status", status);
        row.put("message", message);
        return row;
    }
}
