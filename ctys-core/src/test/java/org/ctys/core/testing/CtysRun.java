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
        return of(false, home, environment, face, args);
    }

    /** The same, as if standard error were a terminal ({@code interactive}) or not. */
    public static CtysRun of(boolean interactive, Path home, Map<String, String> environment, String face,
                             String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Invocation invocation = Invocation.of(new PrintWriter(out), new PrintWriter(err), environment, home,
                interactive);
        int code = Main.run(invocation, face, args);
        return new CtysRun(code, out.toString(), err.toString());
    }

    /**
     * Runs the distribution's launcher {@code bin/<face>} as a separate process, the way a user does.
     *
     * @param dist the distribution
     * @param environment variables added to this process's environment
     * @param face {@code ctys} or {@code ctys-setupVDE}
     * @param args the command line
     * @return how it ended
     */
    public static CtysRun launcher(Path dist, Map<String, String> environment, String face, String... args)
            throws java.io.IOException, InterruptedException {
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of(dist.resolve("bin").resolve(face)
                .toString()));
        argv.addAll(java.util.List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().putAll(environment);
        return process(builder);
    }

    /**
     * Runs a prepared process to its end, with no input, capturing both streams.
     *
     * @param builder the command, its environment and directory
     * @return how it ended
     */
    public static CtysRun process(ProcessBuilder builder) throws java.io.IOException, InterruptedException {
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // standard error goes to a file outside any directory the command may list
        java.io.File err = java.io.File.createTempFile("ctys-err", ".txt");
        try {
            builder.redirectError(err);
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int code = process.waitFor();
            return new CtysRun(code, out, java.nio.file.Files.readString(err.toPath()));
        } finally {
            java.nio.file.Files.deleteIfExists(err.toPath());
        }
    }

    /** Runs {@code ctys} with plugins only from {@code pluginsPath}. */
    public static CtysRun ctys(Path pluginsPath, String... args) {
        return of(null, Map.of(org.ctys.core.config.ConfigKeys.ENV_PLUGINS_PATH, pluginsPath.toString()), "ctys", args);
    }
}
