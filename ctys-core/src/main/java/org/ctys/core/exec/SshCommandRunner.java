package org.ctys.core.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ctys.api.EnvironmentException;
import org.ctys.api.Target;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandResult;
import org.ctys.api.exec.CommandRunner;
import org.ctys.api.exec.Privilege;

/**
 * Runs commands on a remote target through the system OpenSSH client, so the user's own configuration, agents
 * and ProxyJump apply. Never prompts: {@code BatchMode=yes}.
 */
public final class SshCommandRunner implements CommandRunner {

    /** ssh's own exit status for a failed connection or authentication. */
    private static final int SSH_FAILED = 255;

    private final Target target;
    private final Path sshConfig;
    private final Duration connectTimeout;

    /**
     * @param target the remote target
     * @param sshConfig an ssh configuration file to use instead of the user's, or {@code null}
     * @param connectTimeout how long to wait for the connection
     */
    public SshCommandRunner(Target target, Path sshConfig, Duration connectTimeout) {
        this.target = target;
        this.sshConfig = sshConfig;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public CommandResult run(Command command) {
        List<String> remote = new ArrayList<>();
        if (!command.environment().isEmpty()) {
            remote.add("env");
            command.environment().forEach((name, value) -> remote.add(name + "=" + value));
        }
        if (command.privilege() == Privilege.ROOT) {
            // without an escalation a root command runs only when the login user is root: say so instead of
            // letting the command fail half-way with a confusing message of its own
            remote.addAll(0, List.of("sh", "-c", "[ \"$(id -u)\" = 0 ] || { echo 'needs root on this target' >&2;"
                    + " exit 126; }; exec \"$@\"", "ctys-root"));
        }
        remote.addAll(command.argv());
        String line = RemoteShell.quote(remote);
        if (command.directory() != null) {
            line = "cd " + RemoteShell.quote(List.of(command.directory())) + " && " + line;
        }
        CommandResult result = ProcessRunner.run(sshArgv(line), command.stdin(), Map.of(), null,
                command.timeout());
        if (result.exitCode() == SSH_FAILED && result.stderr().contains("ssh:")
                || result.exitCode() == SSH_FAILED && result.stderr().contains("Permission denied")) {
            throw new EnvironmentException("cannot reach " + target + ": " + firstLine(result.stderr()));
        }
        return result;
    }

    private List<String> sshArgv(String remoteLine) {
        List<String> argv = new ArrayList<>(List.of("ssh", "-o", "BatchMode=yes",
                "-o", "ConnectTimeout=" + Math.max(1, connectTimeout.toSeconds())));
        if (sshConfig != null) {
            argv.addAll(List.of("-F", sshConfig.toString()));
        }
        if (target.port() != null) {
            argv.addAll(List.of("-p", target.port().toString()));
        }
        if (target.user() != null) {
            argv.addAll(List.of("-l", target.user()));
        }
        argv.addAll(List.of("--", target.host(), remoteLine));
        return argv;
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }
}
