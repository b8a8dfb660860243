package org.ctys.core.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ctys.core.ExitCodes;
import org.ctys.core.Invocation;
import org.ctys.core.output.OutputFormat;
import org.ctys.core.plugin.LoadedPlugin;
import org.ctys.core.plugin.PluginDoctor;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ctys plugins doctor}: why a plugin does not work, and the fix; then its prerequisites on targets. */
final class PluginsDoctorCommand implements Callable<Integer> {

    private final Invocation invocation;
    private final PluginsCommand parent;
    private final CommandSpec spec;

    PluginsDoctorCommand(Invocation invocation, PluginsCommand parent) {
        this.invocation = invocation;
        this.parent = parent;
        spec = PluginsCommand.spec(this, "doctor", "diagnose the plugin jars and their prerequisites",
                "Diagnose every plugin jar: its state, which class loader gives "
                + "it each ctys-api class, what it bundles that ctys provides (ctys-api, an SLF4J binding, "
                + "frameworks), its service registration, duplicated jars, unmet dependencies and required versions, "
                + "each with the fix; then every plugin's prerequisites on the targets (default: this host).",
                "0:no problem found", "1:erroneous parameters", "2:a plugin has a problem, or a prerequisite is missing",
                "3:a target could not be checked");
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        Logging.configure(invocation, parent.parent().common().debug());
        Given given = Given.of(spec);
        OutputFormat format = OutputOptions.of(given).and(parent.output()).format();
        PluginSelection selection = PluginSelection.of(given);
        RunOptions run = RunOptions.of(given);
        List<LoadedPlugin> plugins = selection.plugins(invocation);
        List<PluginDoctor.Finding> findings = PluginDoctor.examine(plugins);
        // one record shape for the jars and for the prerequisites on each target: where, plugin, check, status,
        // detail, fix; the jars are on this host. With JSON, one document: the jars' findings, then the targets
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PluginDoctor.Finding finding : findings) {
            Map<String, Object> row = new LinkedHashMap<>();
            if (format != OutputFormat.JSON) {
                row.put("host", "localhost");
            }
            row.put("plugin", finding.plugin());
            row.put("check", finding.check());
            row.put("status", finding.status().name().toLowerCase(Locale.ROOT));
            row.put("detail", finding.detail());
            row.put("fix", finding.fix());
            rows.add(row);
        }
        if (format != OutputFormat.JSON) {
            format.render(rows, invocation.out());
        }
        boolean problems = findings.stream().anyMatch(f -> f.status() == PluginDoctor.Status.PROBLEM);
        invocation.out().flush();
        int prerequisites = PluginsCommand.check(invocation, run, plugins.stream().filter(LoadedPlugin::usable)
                .toList(), Targets.of(Targets.resolve(invocation, selection.targets(), run.user(), false)), format,
                true, format == OutputFormat.JSON ? Map.of("plugins", rows) : Map.of());
        return Math.max(problems ? ExitCodes.ENVIRONMENT : ExitCodes.OK, prerequisites);
    }
}
