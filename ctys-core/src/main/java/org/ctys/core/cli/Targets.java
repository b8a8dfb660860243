package org.ctys.core.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ctys.addressing.Expander;
import org.ctys.addressing.ResolvedTarget;
import org.ctys.api.Target;
import org.ctys.core.Invocation;
import org.ctys.core.exec.RemoteShell;
import org.ctys.core.output.OutputFormat;

/** The target arguments of a command turned into targets: groups, ranges and contexts expanded. */
final class Targets {

    private Targets() {
    }

    /**
     * @param arguments the target arguments; none means the local host
     * @param user the default user ({@code -l}), or {@code null}
     * @param keepDuplicates whether a target named twice runs twice
     * @return the targets with their origins
     */
    static List<ResolvedTarget> resolve(Invocation invocation, List<String> arguments, String user,
                                        boolean keepDuplicates) {
        // no target is the local host, expanded like a written one so that -l is checked the same way
        List<String> written = arguments.isEmpty() ? List.of(Target.LOCALHOST.host()) : arguments;
        List<List<String>> origins = new ArrayList<>();
        written.forEach(a -> origins.add(invocation.macroOrigin(a)));
        return new Expander(invocation.groups(), keepDuplicates).expand(written, origins, user);
    }

    static List<Target> of(List<ResolvedTarget> resolved) {
        return resolved.stream().map(ResolvedTarget::target).toList();
    }

    /** Prints the preview of {@code ctys --expand}. */
    static void render(Invocation invocation, List<ResolvedTarget> resolved, OutputFormat format) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ResolvedTarget r : resolved) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("user", r.target().user());
            row.put("host", r.target().host());
            row.put("port", r.target().port());
            row.put("options", format == OutputFormat.JSON ? r.target().options()
                    : RemoteShell.quote(r.target().options()));
            row.put("origin", format == OutputFormat.JSON ? r.origin() : String.join(" > ", r.origin()));
            rows.add(row);
        }
        format.render(rows, invocation.out());
    }
}
