package org.ctys.core.cli;

import java.util.List;
import org.ctys.core.Invocation;
import org.ctys.core.plugin.LoadedPlugin;
import org.ctys.core.plugin.PluginRegistry;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code ctys plugins} and {@code ctys plugins doctor} look at: one session type's plugin or all, and targets.
 *
 * @param type {@code -t}, or {@code null} for all
 * @param targets the targets to check prerequisites on
 */
record PluginSelection(String type, List<String> targets) {

    static void declare(CommandSpec spec) {
        spec.addOption(Args.spec(Option.value(String.class, "<TYPE>", "Only the plugin of this session type.", "-t")));
        spec.addOption(Args.help());
        spec.addPositional(Args.words("<target>", "Targets to check prerequisites on."));
    }

    static PluginSelection of(Given given) {
        return new PluginSelection(given.get("-t"), given.words());
    }

    /** @return every plugin found, or the one of {@code -t} */
    List<LoadedPlugin> plugins(Invocation invocation) {
        PluginRegistry registry = invocation.loadPlugins();
        return type == null ? registry.plugins() : List.of(ActionRun.resolve(registry, type).plugin());
    }
}
