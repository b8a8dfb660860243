package org.ctys.core.cli;

import java.util.ArrayList;
import java.util.List;
import org.ctys.core.Invocation;
import org.ctys.core.plugin.LoadedPlugin;
import org.ctys.core.plugin.PluginRegistry;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code ctys plugins} and {@code ctys plugins doctor} look at: one session type's plugin or all, and targets. */
final class PluginSelection {

    @Option(names = "-t", paramLabel = "<TYPE>", description = "Only the plugin of this session type.")
    String type;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this help.")
    boolean help;

    @Parameters(paramLabel = "<target>", arity = "0..*", description = "Targets to check prerequisites on.")
    List<String> targets = new ArrayList<>();

    /** @return every plugin found, or the one of {@code -t} */
    List<LoadedPlugin> plugins(Invocation invocation) {
        PluginRegistry registry = invocation.loadPlugins();
        return type == null ? registry.plugins() : List.of(ActionRun.resolve(registry, type).plugin());
    }
}
