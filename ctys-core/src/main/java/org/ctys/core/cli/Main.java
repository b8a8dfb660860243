package org.ctys.core.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ctys.api.CtysException;
import org.ctys.core.ExitCodes;
import org.ctys.core.Invocation;
import org.ctys.core.Version;

/**
 * The entry point of both faces, {@code ctys} and {@code ctys-setupVDE}. The launcher names the face in the system
 * property {@code ctys.face} and the installation in {@code ctys.home}. Only this class touches the process's streams
 * and exits.
 */
public final class Main {

    /** How long Ctrl-C's cancel may take to stop and report the targets before the process stops waiting. */
    public static final long CANCEL_WAIT_MILLIS = 15_000;

    private Main() {
    }

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        String home = System.getProperty("ctys.home");
        Invocation invocation = Invocation.of(out, err, System.getenv(), home == null ? null : Path.of(home),
                System.console() != null);
        Thread main = Thread.currentThread();
        AtomicBoolean finished = new AtomicBoolean();
        Thread interrupt = new Thread(() -> {
            if (!finished.get()) {
                // Ctrl-C: stop the running targets, let the main thread report each, then let the JVM end
                invocation.cancellation().cancel();
                try {
                    main.join(CANCEL_WAIT_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "ctys-cancel");
        Runtime.getRuntime().addShutdownHook(interrupt);
        int code = run(invocation, System.getProperty("ctys.face", "ctys"), args);
        out.flush();
        err.flush();
        if (invocation.cancellation().cancelled()) {
            return;   // the JVM is already shutting down: System.exit would wait for this thread forever
        }
        finished.set(true);
        System.exit(code);
    }

    /**
     * Runs one command line without exiting, for tests and embedding.
     *
     * @param invocation where to print and what environment to read
     * @param face {@code ctys} or {@code ctys-setupVDE}
     * @param args the command line
     * @return the exit code
     */
    public static int run(Invocation invocation, String face, String... args) {
        if (answersAtOnce(args)) {
            // answered before the command line model is built: that model is most of ctys's start-up time
            invocation.out().println(Version.line(face, List.of(args).contains("-X")));
            invocation.out().flush();
            return ExitCodes.OK;
        }
        if (args.length == 2 && args[0].equals(Completion.OPTION)) {
            Logging.configure(invocation, 0);
            new Completion(invocation, face).candidates(args[1]).forEach(invocation.out()::println);
            invocation.out().flush();
            return ExitCodes.OK;
        }
        int code;
        try {
            // macros come first: they may stand for options as well as targets
            Invocation.Expanded expanded = invocation.expandMacros(args);
            code = Cli.execute(expanded.invocation(), face, expanded.args());
        } catch (CtysException e) {
            invocation.err().println(face + ": " + Cli.oneLine(e.getMessage()));
            code = ExitCodes.of(e);
        }
        invocation.out().flush();
        invocation.err().flush();
        return code;
    }

    /**
     * @param args a command line
     * @return whether it asks for the version and nothing else (-V, --version, with -X or not), which is answered
     *         before anything is loaded
     */
    public static boolean answersAtOnce(String... args) {
        Set<String> flags = new HashSet<>(List.of(args));
        return args.length > 0 && args.length <= 2 && Set.of("-V", "--version", "-X").containsAll(flags)
                && (flags.contains("-V") || flags.contains("--version"));
    }

    /**
     * @param out standard output
     * @param err standard error
     * @param environment the environment variables to read
     * @param home the distribution, or {@code null}
     * @param args the command line of {@code ctys}
     * @return the exit code
     */
    public static int run(PrintWriter out, PrintWriter err, Map<String, String> environment, Path home,
                          String... args) {
        return run(Invocation.of(out, err, environment, home), "ctys", args);
    }
}
