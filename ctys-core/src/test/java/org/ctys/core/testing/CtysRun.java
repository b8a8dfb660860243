package org.ctys.core.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.ctys.core.Invocation;
import org.ctys.core.cli.Main;

/**
 * One in-process run of ctys with captured output.
 *
 * @param code the exit code
 * @param out what it printed on standard output
 * @param err what it printed on standard error
 */
public record CtysRun(int code, String out, String err) {

    /** Runs {@code face} with {@code args}, plugins from {@code pluginsPath}, no distribution home. */
    public static CtysRun of(Path home, Map<String, String> environment, String face, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Invocation invocation = Invocation.of(new PrintWriter(out), new PrintWriter(err), environment, home);
        int code = Main.run(invocation, face, args);
        return new CtysRun(code, out.toString(), err.toString());
    }

    /** Runs {@code ctys} with plugins only from {@code pluginsPath}. */
    public static CtysRun ctys(Path pluginsPath, String... args) {
        return of(null, Map.of(Invocation.PLUGINS_PATH, pluginsPath.toString()), "ctys", args);
    }
}
