package org.ctys.core.session;

import java.util.List;
import java.util.Set;
import org.ctys.api.ActionRequest;
import org.ctys.api.ActionResult;
import org.ctys.api.SubOption;
import org.ctys.api.TargetFailureException;
import org.ctys.api.UsageException;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandResult;
import org.ctys.spi.ActionDescriptor;
import org.ctys.spi.PluginContext;
import org.ctys.spi.Prerequisite;
import org.ctys.spi.support.AbstractCtysPlugin;

/**
 * Session type CLI, the original's generic remote runner: {@code -a create=l:<label>,cmd:<command>}
 * runs the command on every target and reports each exit status and output, which the original lost.
 */
public final class CliSession extends AbstractCtysPlugin {

    /** The session type. */
    public static final String TYPE = "CLI";

    /** Declares the session type and its action. */
    public CliSession() {
        super(Set.of(TYPE),
                List.of(new ActionDescriptor("CREATE", "create=l:<label>,cmd:<command>[,s:<shell>][,cd:<dir>][,root]",
                        "run <command> with <shell> -c (default sh) on every target; report exit status and output")),
                List.of(Prerequisite.program("sh", "dash", "runs the command")),
                """
                CLI - run a command on every target (the original's generic remote runner)

                  ctys -t CLI -a create=l:<label>,cmd:<command>[,s:<shell>][,cd:<dir>][,root] [targets]

                The command is decoded from the sub-option (cmd:uname%-a is 'uname -a'; see -H subopts) and run as
                '<shell> -c <command>' on each target, in parallel. Each target's exit status, standard output and
                standard error are reported; a non-zero exit status fails that target (exit code 3 overall).
                With the flag root the command runs as root, through -Z SUDO or -Z KSU where the login user is not
                root. Interactive shells (create without cmd) are not supported.
                """);
    }

    @Override
    public ActionResult perform(ActionRequest request, PluginContext context) {
        // core has checked the keys against the synopsis: l and cmd are there, with values
        String label = request.subOptions().value("l").orElseThrow();
        String command = request.subOptions().value("cmd").orElseThrow();
        if (!label.matches("[A-Za-z0-9_-]{1,29}")) {
            throw new UsageException("label '" + label + "' must be 1 to 29 letters, digits, '_' or '-'");
        }
        String shell = request.subOptions().value("s").orElse(null);
        Command run = Command.of(shell == null ? "sh" : shell, "-c", command);
        if (request.subOptions().has("root")) {
            run = run.asRoot();
        }
        String directory = request.subOptions().value("cd").orElse(null);
        if (directory != null) {
            run = run.inDirectory(directory);
        }
        CommandResult result = context.runner().run(run);
        ActionResult outcome = ActionResult.unchanged("exit " + result.exitCode(), List.of(new Ran(label,
                result.exitCode(), result.stdout().stripTrailing(), result.stderr().stripTrailing())));
        if (!result.succeeded()) {
            String detail = result.stderr().strip().lines().reduce((a, b) -> b).orElse("");
            throw new TargetFailureException(TargetFailureException.Reason.EXIT, "'" + command + "' exited with "
                    + "status " + result.exitCode() + (detail.isEmpty() ? "" : ": " + detail), outcome);
        }
        return outcome;
    }

    /**
     * A command as {@code create} reports it.
     *
     * @param label the label given
     * @param exit the command's exit status
     * @param stdout its standard output
     * @param stderr its standard error
     */
    public record Ran(String label, int exit, String stdout, String stderr) {
    }
}
